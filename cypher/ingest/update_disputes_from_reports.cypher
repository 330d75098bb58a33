// Refresh a dispute's text and recognised elements after its first report was corrected upstream.
// params: rows ({dispute_id, report_key, props}), scope
// returns: updated
UNWIND $rows AS row
MATCH (d:Dispute {id: row.dispute_id})
WHERE d.area_code STARTS WITH $scope AND d.primary_report = row.report_key
SET d += row.props
RETURN count(d) AS updated
