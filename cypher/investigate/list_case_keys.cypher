// Every dispute, report and person with the area codes that decide who sees it (the jurisdiction test oracle and the benchmark's sample).
// params: scope, limit
// returns: label, key, code, source_id, area_codes
CALL () {
  MATCH (d:Dispute)
  WHERE d.area_code STARTS WITH $scope
  RETURN 'Dispute' AS label, d.id AS key, d.case_code AS code, null AS source_id, [d.area_code] AS area_codes
  UNION
  MATCH (r:Report)
  WHERE r.area_code STARTS WITH $scope
  RETURN 'Report' AS label, r.key AS key, r.channel AS code,
         CASE WHEN r.department IS NULL THEN r.source_id ELSE r.department + '|' + r.source_id END AS source_id,
         [r.area_code] AS area_codes
  UNION
  MATCH (p:Person)-[:PARTY_IN]->(x:Dispute)
  WHERE x.area_code STARTS WITH $scope
  WITH p, collect(DISTINCT x.area_code) AS area_codes
  RETURN 'Person' AS label, p.pid AS key, p.name AS code, null AS source_id, area_codes
}
RETURN label, key, code, source_id, area_codes
LIMIT $limit
