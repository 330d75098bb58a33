// Warnings in an area (by code prefix) inside the caller's jurisdiction and a time window, newest first.
// params: code, scope, start, end, limit
// returns: warning
MATCH (w:Warning)
WHERE w.area_code STARTS WITH $code AND w.area_code STARTS WITH $scope
  AND w.created_at >= $start AND w.created_at < $end
RETURN w { .id, .kind, .colour, .level, .score, .title, .status, .area_code, .created_at, .target_label,
           .target_key } AS warning
ORDER BY w.created_at DESC
LIMIT $limit
