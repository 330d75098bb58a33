// Refresh a dispute's recognised elements after one of its reports changed.
// params: rows ({dispute_id, props}), scope
// returns: updated
UNWIND $rows AS row
MATCH (d:Dispute {id: row.dispute_id})
WHERE d.area_code STARTS WITH $scope
SET d += row.props
RETURN count(d) AS updated
