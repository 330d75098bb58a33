// Quarantined records, newest first.
// scope: none (administrators only; quarantined records have no area)
// params: status (null for all), channel (null for all), limit
// returns: key, channel, source, line, reason, field, status, created_at, attempts
MATCH (q:Quarantine)
WHERE ($status IS NULL OR q.status = $status) AND ($channel IS NULL OR q.channel = $channel)
RETURN q.key AS key, q.channel AS channel, q.source AS source, q.line AS line, q.reason AS reason,
       q.field AS field, q.status AS status, q.created_at AS created_at, q.attempts AS attempts
ORDER BY q.created_at DESC, q.source, q.line
LIMIT $limit
