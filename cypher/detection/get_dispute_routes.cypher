// Where detection routed the given disputes (分流交办) and why.
// params: ids (dispute ids), scope
// returns: id, routed_to, reason, pid
UNWIND $ids AS id
MATCH (d:Dispute {id: id})
WHERE d.area_code STARTS WITH $scope
RETURN d.id AS id, d.routed_to AS routed_to, d.routed_reason AS reason, d.routed_pid AS pid
