// A person with identifiers, key-person entries and notices, if a dispute in the caller's jurisdiction names them.
// params: pid, scope
// returns: person, id_numbers, phones, entries, notices
MATCH (p:Person {pid: $pid})
WHERE $scope = '' OR EXISTS { (p)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope }
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_ID_NUMBER]->(i:IdNumber)
  RETURN collect(i.value) AS id_numbers
}
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_PHONE]->(ph:Phone)
  RETURN collect(ph.number) AS phones
}
CALL (p) {
  OPTIONAL MATCH (p)-[:LISTED_AS]->(e:KeyPersonEntry)
  RETURN collect(e { .key, .category, .control_level, .listed_at, .record, .address, .active }) AS entries
}
CALL (p) {
  OPTIONAL MATCH (n:Notice)-[:ABOUT]->(p)
  WITH n ORDER BY n.issued_at DESC
  RETURN collect(n { .code, .kind, .issued_at, .reason, .issuer, .receiver }) AS notices
}
RETURN p { .pid, .name, .gender, .birth_date, .aliases, .key_category, .control_level, key_person: p:KeyPerson } AS person,
       id_numbers, phones, entries, notices
