// Benchmark bulk load into an empty graph: disputes created (not merged) with their area and, as parties, persons and
// organizations that `create_detection_bench_parties` created first. Much faster than create_fixture_disputes at a million.
// scope: none (benchmark fixture; never called by the service)
// params: rows ({props, area_code, persons ([pid], distinct), organizations ([key], distinct)})
// returns: created
UNWIND $rows AS row
CREATE (d:Dispute)
SET d = row.props
WITH d, row
CALL (d, row) {
  MATCH (a:Area {code: row.area_code})
  CREATE (d)-[:IN_AREA]->(a)
}
CALL (d, row) {
  UNWIND row.persons AS pid
  MATCH (p:Person {pid: pid})
  CREATE (p)-[:PARTY_IN {roles: ['当事人']}]->(d)
}
CALL (d, row) {
  UNWIND row.organizations AS key
  MATCH (o:Organization {key: key})
  CREATE (o)-[:PARTY_IN {roles: ['当事人']}]->(d)
}
RETURN count(d) AS created
