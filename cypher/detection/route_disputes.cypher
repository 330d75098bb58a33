// Route disputes (分流交办) to the area of a party with a prior record, with the reason.
// params: rows ({id, routed_to, reason, pid}), scope
// returns: routed
UNWIND $rows AS row
MATCH (d:Dispute {id: row.id})
WHERE d.area_code STARTS WITH $scope
SET d.routed_to = row.routed_to, d.routed_reason = row.reason, d.routed_pid = row.pid
RETURN count(d) AS routed
