// One dispute (by id or case code) with its reports, parties, keyword hits, place, area and warnings.
// params: id (dispute id or case code), scope
// returns: dispute, reports, persons, organizations, keyword_hits, place, area, warnings
MATCH (d:Dispute)
WHERE (d.id = $id OR d.case_code = $id) AND d.area_code STARTS WITH $scope
CALL (d) {
  OPTIONAL MATCH (r:Report)-[link:OF_DISPUTE]->(d)
  WITH r, link ORDER BY r.reported_at, r.key
  RETURN collect(CASE WHEN r IS NULL THEN NULL ELSE r {
    .key, .channel, .source_id, .department, .reported_at, .title, .text, .address, .risk_level, .status,
    .handling_unit, .request_type, .elements_json, merge_reason: link.reason, merge_confidence: link.confidence
  } END) AS reports
}
CALL (d) {
  OPTIONAL MATCH (p:Person)-[link:PARTY_IN]->(d)
  OPTIONAL MATCH (p)-[:HAS_ID_NUMBER]->(i:IdNumber)
  WITH p, link, collect(i.value) AS id_numbers
  OPTIONAL MATCH (p)-[:HAS_PHONE]->(ph:Phone)
  WITH p, link, id_numbers, collect(ph.number) AS phones ORDER BY p.pid
  RETURN collect(CASE WHEN p IS NULL THEN NULL ELSE p {
    .pid, .name, .gender, .key_category, roles: link.roles, id_number: head(id_numbers), phones: phones,
    key_person: p:KeyPerson
  } END) AS persons
}
CALL (d) {
  OPTIONAL MATCH (o:Organization)-[link:PARTY_IN]->(d)
  WITH o, link ORDER BY o.key
  RETURN collect(CASE WHEN o IS NULL THEN NULL ELSE o { .key, .name, roles: link.roles } END) AS organizations
}
CALL (d) {
  OPTIONAL MATCH (d)-[hit:HAS_KEYWORD]->(k:Keyword)
  WITH hit, k ORDER BY k.library, k.word
  RETURN collect(CASE WHEN k IS NULL THEN NULL ELSE {
    library: k.library, word: k.word, negated: hit.negated, positions: hit.positions } END) AS keyword_hits
}
CALL (d) {
  OPTIONAL MATCH (w:Warning)-[:ABOUT]->(d)
  WITH w ORDER BY w.level, w.id
  RETURN collect(w { .id, .kind, .colour, .level, .score, .status, .title, .leader }) AS warnings
}
CALL (d) {
  OPTIONAL MATCH (d)-[:AT_PLACE]->(pl:Place)
  RETURN head(collect(pl { .key, .name, .kind, key_place: pl:KeyPlace })) AS place
}
CALL (d) {
  OPTIONAL MATCH (d)-[:IN_AREA]->(a:Area)
  RETURN head(collect(a { .code, .name, .level })) AS area
}
RETURN d { .*, search_text: null } AS dispute, reports, persons, organizations, keyword_hits, place, area,
       warnings
