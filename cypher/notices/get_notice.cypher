// One notice in the caller's jurisdiction with what it is about.
// params: code, scope
// returns: notice, persons, disputes
MATCH (n:Notice {code: $code})
WHERE n.area_code STARTS WITH $scope
CALL (n) {
  OPTIONAL MATCH (n)-[:ABOUT]->(p:Person)
  RETURN collect(p {.pid, .name}) AS persons
}
CALL (n) {
  OPTIONAL MATCH (n)-[:ABOUT]->(d:Dispute)
  RETURN collect(d {.id, .case_code}) AS disputes
}
RETURN n {.*} AS notice, persons, disputes
