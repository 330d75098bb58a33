// Each person's history as of their latest dispute (up to as_of): earlier disputes, notices issued before,
// key-person entries, and the records whose police data flags a prior record.
// scope: none (read city-wide: a person's history does not stop at a district border)
// upsert_warnings keeps only the drafts inside the caller's scope; the warnings API names, not shows, others.
// params: rows ({pid, end, dispute_days, notice_days})
// returns: pid, name, latest, earlier, notices, entries, flags
UNWIND $rows AS row
MATCH (p:Person {pid: row.pid})
CALL (p, row) {
  MATCH (p)-[:PARTY_IN]->(d:Dispute)
  WHERE (row.end IS NULL OR d.occurred_at <= row.end)
  RETURN d AS latest ORDER BY d.occurred_at DESC, d.id DESC LIMIT 1
}
CALL (p, row, latest) {
  OPTIONAL MATCH (p)-[:PARTY_IN]->(e:Dispute)
  WHERE e <> latest AND e.occurred_at <= latest.occurred_at
    AND e.occurred_at >= latest.occurred_at - duration({days: row.dispute_days})
  OPTIONAL MATCH (r:Report)-[:OF_DISPUTE]->(e)
  WITH e, r ORDER BY r.reported_at
  WITH e, collect(r.key) AS reports
  ORDER BY e.occurred_at DESC
  RETURN collect(e {.id, .case_code, .occurred_at, .area_code, .category, reports: reports}) AS earlier
}
CALL (p, row, latest) {
  OPTIONAL MATCH (n:Notice)-[:ABOUT]->(p)
  WHERE date(n.issued_at) <= date(latest.occurred_at)
    AND date(n.issued_at) >= date(latest.occurred_at - duration({days: row.notice_days}))
  RETURN collect(n {.code, .issued_at, .reason, .kind, .issuer}) AS notices
}
CALL (p) {
  OPTIONAL MATCH (p)-[:LISTED_AS]->(k:KeyPersonEntry)
  WHERE coalesce(k.active, true)
  RETURN collect(k {.key, .category, .control_level, .address, .area_code, .record, .listed_at}) AS entries
}
CALL (p, row, latest) {
  OPTIONAL MATCH (p)<-[:RESOLVED_TO]-(pt:Party)<-[:HAS_PARTY]-(r:Report)
  WHERE pt.prior_record = true AND r.reported_at <= coalesce(row.end, latest.last_reported_at, latest.occurred_at)
  RETURN collect(DISTINCT r {.key, .channel, .source_id, .reported_at, party: pt.key}) AS flags
}
RETURN p.pid AS pid, p.name AS name,
       latest {.id, .case_code, .occurred_at, .area_code} AS latest, earlier, notices, entries, flags
