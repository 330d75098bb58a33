// The dispute a report belongs to, when both lie in the caller's jurisdiction.
// params: key (channel|source_id), scope
// returns: report_key, dispute_id
MATCH (r:Report {key: $key})-[:OF_DISPUTE]->(d:Dispute)
WHERE r.area_code STARTS WITH $scope AND d.area_code STARTS WITH $scope
RETURN r.key AS report_key, d.id AS dispute_id
