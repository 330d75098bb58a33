// One quarantined record with its raw payload.
// scope: none (administrators only; quarantined records have no area)
// params: key
// returns: key, channel, source, line, raw_text, payload_json, reason, field, status, created_at, attempts
MATCH (q:Quarantine {key: $key})
RETURN q.key AS key, q.channel AS channel, q.source AS source, q.line AS line, q.raw_text AS raw_text,
       q.payload_json AS payload_json, q.reason AS reason, q.field AS field, q.status AS status,
       q.created_at AS created_at, q.attempts AS attempts
