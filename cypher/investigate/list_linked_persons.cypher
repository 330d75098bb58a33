// Persons linked to a person by a shared dispute, phone or ID number, each visible in the caller's jurisdiction.
// params: pid, scope, limit
// returns: pid, name, how, vias, count
MATCH (p:Person {pid: $pid})
CALL (p) {
  MATCH (p)-[:PARTY_IN]->(d:Dispute)<-[:PARTY_IN]-(q:Person)
  WHERE d.area_code STARTS WITH $scope AND q <> p
  RETURN q, 'shared_dispute' AS how, d.id AS via
  UNION
  MATCH (p)-[:HAS_PHONE]->(ph:Phone)<-[:HAS_PHONE]-(q:Person)
  WHERE q <> p AND ($scope = '' OR EXISTS { (q)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope })
  RETURN q, 'shared_phone' AS how, ph.number AS via
  UNION
  MATCH (p)-[:HAS_ID_NUMBER]->(i:IdNumber)<-[:HAS_ID_NUMBER]-(q:Person)
  WHERE q <> p AND ($scope = '' OR EXISTS { (q)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope })
  RETURN q, 'shared_id_number' AS how, i.value AS via
}
WITH q, how, collect(DISTINCT via) AS vias
RETURN q.pid AS pid, q.name AS name, how, vias, size(vias) AS count
ORDER BY count DESC, name
LIMIT $limit
