// Remove similarity links the rule no longer supports, by their ends (a full pass writes only what changed).
// params: rows ({source, target}), scope
// returns: deleted
UNWIND $rows AS row
MATCH (a:Dispute {id: row.source})-[s:SIMILAR_TO]->(b:Dispute {id: row.target})
WHERE a.area_code STARTS WITH $scope AND b.area_code STARTS WITH $scope
DELETE s
RETURN count(s) AS deleted
