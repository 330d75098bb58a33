// A notice already issued of the same kind about the same person and case on the same day (a retried request).
// params: kind, pid, dispute_id, issued_at (date), scope
// returns: code
MATCH (n:Notice {kind: $kind})
WHERE n.issued_at = $issued_at AND n.area_code STARTS WITH $scope
  AND coalesce(n.person_pid, '') = coalesce($pid, '') AND coalesce(n.dispute_id, '') = coalesce($dispute_id, '')
RETURN n.code AS code
LIMIT 1
