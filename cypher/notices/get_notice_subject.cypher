// What a new notice is about: the person (when a party or a key person inside the jurisdiction), the dispute,
// the receiving unit and the issuing centre of the caller's area.
// params: pid (or null), dispute_id (id or case code, or null), unit_code, issuer_code, scope
// returns: person, dispute, unit, issuer
OPTIONAL MATCH (p:Person {pid: $pid})
WHERE $scope = ''
   OR EXISTS { MATCH (p)-[:PARTY_IN]->(pd:Dispute) WHERE pd.area_code STARTS WITH $scope }
   OR EXISTS { MATCH (p)-[:LISTED_AS]->(k:KeyPersonEntry) WHERE k.area_code STARTS WITH $scope }
OPTIONAL MATCH (p)-[:HAS_ID_NUMBER]->(i:IdNumber)
WITH p, head(collect(i.value)) AS id_number
OPTIONAL MATCH (d:Dispute)
WHERE (d.id = $dispute_id OR d.case_code = $dispute_id) AND d.area_code STARTS WITH $scope
OPTIONAL MATCH (u:Unit {code: $unit_code})
OPTIONAL MATCH (c:Unit {code: $issuer_code})
RETURN CASE WHEN p IS NULL THEN NULL ELSE p {.pid, .name, id_number: id_number} END AS person,
       d {.id, .case_code, .area_code} AS dispute, u {.code, .name, .area_code} AS unit, c.name AS issuer
