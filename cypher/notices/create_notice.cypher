// Issue a notice (工作提示函 / 风险警示函) with its new code, about a person and/or a case.
// params: code, props, pid (or null), dispute_id (or null), scope
// returns: code
CREATE (n:Notice {code: $code})
SET n += $props
WITH n
CALL (n) {
  MATCH (p:Person {pid: $pid})
  MERGE (n)-[:ABOUT]->(p)
}
CALL (n) {
  MATCH (d:Dispute {id: $dispute_id})
  WHERE d.area_code STARTS WITH $scope
  MERGE (n)-[:ABOUT]->(d)
}
RETURN n.code AS code
