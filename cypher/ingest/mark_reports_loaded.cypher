// Stamp reports with their content hash once every step of their load has been written.
// params: rows ({key, content_hash}), scope
// returns: marked
UNWIND $rows AS row
MATCH (r:Report {key: row.key})
WHERE r.area_code STARTS WITH $scope
SET r.content_hash = row.content_hash
RETURN count(r) AS marked
