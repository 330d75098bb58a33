// Keep the current content of reports about to be replaced as ReportVersion nodes.
// params: rows ({key, replaced_at}), scope
// returns: archived
UNWIND $rows AS row
MATCH (r:Report {key: row.key})
WHERE r.area_code STARTS WITH $scope
MERGE (v:ReportVersion {key: row.key + '#' + toString(r.version)})
ON CREATE SET v = properties(r), v.key = row.key + '#' + toString(r.version), v.replaced_at = row.replaced_at
MERGE (r)-[:PREVIOUS_VERSION]->(v)
WITH r
OPTIONAL MATCH (r)-[:HAS_PARTY]->(old:Party)
DETACH DELETE old
RETURN count(DISTINCT r) AS archived
