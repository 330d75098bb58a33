// Test and bench fixture: disputes written directly (not through ingest), with their area, persons and
// organizations as parties.
// scope: none (test and benchmark fixture; never called by the service)
// params: rows ({id, props, area_code, persons ([{pid, name}]), organizations ([{key, name}])})
// returns: created
UNWIND $rows AS row
MERGE (d:Dispute {id: row.id})
SET d += row.props
WITH d, row
CALL (d, row) {
  MATCH (a:Area {code: row.area_code})
  MERGE (d)-[:IN_AREA]->(a)
}
CALL (d, row) {
  UNWIND row.persons AS person
  MERGE (p:Person {pid: person.pid})
  ON CREATE SET p.name = person.name
  MERGE (p)-[link:PARTY_IN]->(d)
  ON CREATE SET link.roles = ['当事人']
}
CALL (d, row) {
  UNWIND row.organizations AS org
  MERGE (o:Organization {key: org.key})
  ON CREATE SET o.name = org.name
  MERGE (o)-[link:PARTY_IN]->(d)
  ON CREATE SET link.roles = ['当事人']
}
RETURN count(d) AS created
