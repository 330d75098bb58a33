// API benchmark fixture: disputes with their area, parties, place and reports, written directly (not through ingest); instants travel as ISO-8601 text.
// scope: none (benchmark fixture; never called by the service)
// params: rows ({id, props, occurred_at, area_code, parties ([{pid, roles}]), organizations ([{key, name, roles}]), places ([{key, name}]), reports ([{key, props, reported_at, reason, confidence, phones}]))})
// returns: written
UNWIND $rows AS row
MERGE (d:Dispute {id: row.id})
SET d += row.props, d.occurred_at = datetime(row.occurred_at), d.last_reported_at = datetime(row.occurred_at)
WITH d, row
CALL (d, row) {
  MATCH (a:Area {code: row.area_code})
  MERGE (d)-[:IN_AREA]->(a)
}
CALL (d, row) {
  UNWIND row.parties AS party
  MATCH (p:Person {pid: party.pid})
  MERGE (p)-[link:PARTY_IN]->(d)
  SET link.roles = party.roles
}
CALL (d, row) {
  UNWIND row.organizations AS org
  MERGE (o:Organization {key: org.key})
  ON CREATE SET o.name = org.name
  MERGE (o)-[link:PARTY_IN]->(d)
  SET link.roles = org.roles
}
CALL (d, row) {
  UNWIND row.places AS place
  MERGE (pl:Place {key: place.key})
  ON CREATE SET pl.name = place.name, pl.area_code = row.area_code
  MERGE (d)-[:AT_PLACE]->(pl)
}
CALL (d, row) {
  UNWIND row.reports AS report
  MERGE (r:Report {key: report.key})
  SET r += report.props, r.reported_at = datetime(report.reported_at)
  MERGE (r)-[link:OF_DISPUTE]->(d)
  SET link.reason = report.reason, link.confidence = report.confidence
  WITH r, report
  UNWIND report.phones AS number
  MERGE (ph:Phone {number: number})
  MERGE (r)-[:CONTACT_PHONE]->(ph)
}
RETURN count(d) AS written
