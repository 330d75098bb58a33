// Link similar disputes, earlier to later; MERGE so that re-runs neither duplicate nor change them. Like every
// writer of SIMILAR_TO, it counts a write and drops the link digest of the ends (app/detection/linking.py): once per
// batch for the sources and once for the targets, not per row (a dispute that is both counts twice).
// params: rows ({source, target, score, reason}), rule_version, scope
// returns: linked
UNWIND $rows AS row
MATCH (a:Dispute {id: row.source})
WHERE a.area_code STARTS WITH $scope
MATCH (b:Dispute {id: row.target})
WHERE b.area_code STARTS WITH $scope
MERGE (a)-[s:SIMILAR_TO]->(b)
SET s.score = row.score, s.reason = row.reason, s.rule_version = $rule_version
WITH count(s) AS linked, collect(DISTINCT a) + collect(DISTINCT b) AS ends
FOREACH (e IN ends | SET e.link_writes = coalesce(e.link_writes, 0) + 1 REMOVE e.link_digest)
RETURN linked
