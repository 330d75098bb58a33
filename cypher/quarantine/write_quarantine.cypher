// Keep unreadable records with their raw payload and a reason a person can act on.
// scope: none (quarantined records have no resolved area yet; only administrators list them)
// params: rows ({key, channel, source, line, raw_text, payload_json, reason, field, at})
// returns: written
UNWIND $rows AS row
MERGE (q:Quarantine {key: row.key})
ON CREATE SET q.channel = row.channel, q.source = row.source, q.line = row.line,
              q.raw_text = row.raw_text, q.payload_json = row.payload_json, q.created_at = row.at,
              q.attempts = 0
SET q.reason = row.reason, q.field = row.field, q.status = 'open', q.updated_at = row.at
RETURN count(q) AS written
