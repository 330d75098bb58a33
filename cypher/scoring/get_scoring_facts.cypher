// Facts of disputes that risk scoring reads: the dispute, its reports (with their elements) and its person parties.
// params: ids (dispute ids), scope
// returns: id, case_code, title, area_code, occurred_at, last_reported_at (instants as ISO-8601 text: the
//   driver decodes datetimes slowly), status, category, flags, people_count, amounts, place_key, reports, persons
UNWIND $ids AS id
MATCH (d:Dispute {id: id})
WHERE d.area_code STARTS WITH $scope
CALL (d) {
  OPTIONAL MATCH (r:Report)-[:OF_DISPUTE]->(d)
  WITH r ORDER BY r.reported_at, r.key
  RETURN collect(r { .key, .channel, .source_id, .department, .risk_level, .involved_count,
                     .elements_json }) AS reports
}
CALL (d) {
  OPTIONAL MATCH (p:Person)-[link:PARTY_IN]->(d)
  WITH p, link ORDER BY p.pid
  RETURN collect(p { .pid, .name, roles: link.roles }) AS persons
}
RETURN d.id AS id, d.case_code AS case_code, d.title AS title, d.area_code AS area_code,
       toString(d.occurred_at) AS occurred_at, toString(d.last_reported_at) AS last_reported_at, d.status AS status,
       d.category AS category, d.flags AS flags, d.people_count AS people_count, d.amounts AS amounts,
       d.place_key AS place_key, reports, persons
