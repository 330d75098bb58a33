// Each organization's disputes in the `days` before its anchor (as_of, or its latest dispute), with the
// persons party to them and their roles (the caller keeps the claimants: not the other side, 对方当事人).
// scope: none (read city-wide: an organization's disputes do not stop at a district border)
// upsert_warnings keeps only the drafts inside the caller's scope; the warnings API names, not shows, others.
// params: rows ({key, end, days})
// returns: key, name, anchor, dispute_id, case_code, occurred_at, area_code, people_count, roles, claimants
UNWIND $rows AS row
MATCH (o:Organization {key: row.key})
CALL (o, row) {
  MATCH (o)-[:PARTY_IN]->(d:Dispute)
  WHERE (row.end IS NULL OR d.occurred_at <= row.end)
  RETURN max(d.occurred_at) AS anchor
}
MATCH (o)-[link:PARTY_IN]->(d:Dispute)
WHERE d.occurred_at <= anchor
  AND d.occurred_at > anchor - duration({days: row.days})
OPTIONAL MATCH (p:Person)-[pl:PARTY_IN]->(d)
RETURN o.key AS key, o.name AS name, anchor, d.id AS dispute_id, d.case_code AS case_code,
       d.occurred_at AS occurred_at, d.area_code AS area_code, d.people_count AS people_count,
       link.roles AS roles, collect(DISTINCT p {.pid, .name, roles: pl.roles}) AS claimants
