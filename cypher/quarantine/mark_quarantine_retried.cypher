// Record the outcome of re-processing a quarantined record.
// scope: none (administrators only; quarantined records have no area)
// params: key, status ('resolved' | 'open'), reason, field, report_key, at
// returns: key, status
MATCH (q:Quarantine {key: $key})
SET q.status = $status, q.reason = coalesce($reason, q.reason), q.field = $field,
    q.report_key = $report_key, q.attempts = coalesce(q.attempts, 0) + 1, q.updated_at = $at
RETURN q.key AS key, q.status AS status
