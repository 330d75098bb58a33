// Remove similarity links of re-examined disputes that the rule no longer supports (a record was corrected).
// Counts a write and drops the link digest of the ends, as every writer of SIMILAR_TO (merge_similar_links).
// params: rows ({id, keep (ids still similar)}), scope
// returns: deleted
UNWIND $rows AS row
MATCH (d:Dispute {id: row.id})-[s:SIMILAR_TO]-(o:Dispute)
WHERE d.area_code STARTS WITH $scope AND o.area_code STARTS WITH $scope AND NOT o.id IN row.keep
DELETE s
WITH count(s) AS deleted, collect(DISTINCT d) + collect(DISTINCT o) AS ends
FOREACH (e IN ends | SET e.link_writes = coalesce(e.link_writes, 0) + 1 REMOVE e.link_digest)
RETURN deleted
