// Remove similarity links the rule no longer supports, by their ends (a full pass writes only what changed). Counts
// a write and drops the link digest of the ends, once per batch for the sources and once for the targets (as
// merge_similar_links).
// params: rows ({source, target}), scope
// returns: deleted
UNWIND $rows AS row
MATCH (a:Dispute {id: row.source})-[s:SIMILAR_TO]->(b:Dispute {id: row.target})
WHERE a.area_code STARTS WITH $scope AND b.area_code STARTS WITH $scope
DELETE s
WITH count(s) AS deleted, collect(DISTINCT a) + collect(DISTINCT b) AS ends
FOREACH (e IN ends | SET e.link_writes = coalesce(e.link_writes, 0) + 1 REMOVE e.link_digest)
RETURN deleted
