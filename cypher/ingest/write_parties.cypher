// Write the parties of reports as the records name them.
// params: rows ({key, report_key, index, props}), scope
// returns: written
UNWIND $rows AS row
MATCH (r:Report {key: row.report_key})
WHERE r.area_code STARTS WITH $scope
MERGE (p:Party {key: row.key})
SET p += row.props
MERGE (r)-[link:HAS_PARTY]->(p)
SET link.index = row.index
RETURN count(p) AS written
