// The return visits of one case, in order.
// params: id (dispute id), scope
// returns: visit
MATCH (v:Visit)-[:FOR_DISPUTE]->(d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope
RETURN v {.*} AS visit
ORDER BY v.seq, v.id
