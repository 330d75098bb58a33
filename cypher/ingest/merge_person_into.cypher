// Fold persons found to be one into the surviving person: parties, disputes, phones, notices, warnings.
// scope: none (persons have no district; the merge is decided by entity resolution)
// params: rows ({from_pid, into_pid, reason})
// returns: merged
UNWIND $rows AS row
MATCH (gone:Person {pid: row.from_pid})
MATCH (kept:Person {pid: row.into_pid})
CALL (gone, kept, row) {
  MATCH (pt:Party)-[old:RESOLVED_TO]->(gone)
  MERGE (pt)-[link:RESOLVED_TO]->(kept)
  SET link.reason = row.reason, link.confidence = old.confidence
  DELETE old
}
CALL (gone, kept) {
  MATCH (gone)-[old:PARTY_IN]->(d:Dispute)
  MERGE (kept)-[link:PARTY_IN]->(d)
  SET link.roles = coalesce(link.roles, []) + [r IN old.roles WHERE NOT r IN coalesce(link.roles, [])]
  DELETE old
}
CALL (gone, kept) {
  MATCH (gone)-[old:HAS_PHONE]->(ph:Phone)
  MERGE (kept)-[:HAS_PHONE]->(ph)
  DELETE old
}
CALL (gone, kept) {
  MATCH (source)-[old:ABOUT]->(gone)
  MERGE (source)-[:ABOUT]->(kept)
  DELETE old
}
CALL (gone, kept) {
  MATCH (source)-[old:EVIDENCE]->(gone)
  MERGE (source)-[link:EVIDENCE]->(kept)
  SET link += properties(old)
  DELETE old
}
SET kept.aliases = coalesce(kept.aliases, []) + [a IN coalesce(gone.aliases, []) + [gone.name]
                   WHERE a IS NOT NULL AND a <> kept.name AND NOT a IN coalesce(kept.aliases, [])]
DETACH DELETE gone
RETURN count(*) AS merged
