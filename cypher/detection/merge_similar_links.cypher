// Link similar disputes, earlier to later; MERGE so that re-runs neither duplicate nor change them.
// params: rows ({source, target, score, reason}), rule_version, scope
// returns: linked
UNWIND $rows AS row
MATCH (a:Dispute {id: row.source})
WHERE a.area_code STARTS WITH $scope
MATCH (b:Dispute {id: row.target})
WHERE b.area_code STARTS WITH $scope
MERGE (a)-[s:SIMILAR_TO]->(b)
SET s.score = row.score, s.reason = row.reason, s.rule_version = $rule_version
RETURN count(s) AS linked
