// The dispute a report belongs to, inside the caller's jurisdiction.
// params: key (report key), scope
// returns: id, case_code
MATCH (r:Report {key: $key})-[:OF_DISPUTE]->(d:Dispute)
WHERE d.area_code STARTS WITH $scope
RETURN d.id AS id, d.case_code AS case_code
