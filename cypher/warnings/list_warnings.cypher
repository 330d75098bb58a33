// One page of warnings matching the board's filters, most severe first.
// params: scope, colour, kind, area, status, date_from, date_to (each filter null = any), skip, limit
// returns: warning
MATCH (w:Warning)
WHERE w.area_code STARTS WITH $scope
  AND ($colour IS NULL OR w.colour = $colour) AND ($kind IS NULL OR w.kind = $kind)
  AND ($area IS NULL OR w.area_code STARTS WITH $area) AND ($status IS NULL OR w.status = $status)
  AND ($date_from IS NULL OR w.created_at >= $date_from) AND ($date_to IS NULL OR w.created_at < $date_to)
WITH w ORDER BY w.level, w.score DESC, w.updated_at DESC, w.id
SKIP $skip LIMIT $limit
RETURN w { .id, .kind, .colour, .level, .level_name, .score, .title, .reasons, .status, .area_code, .leader,
           .target_label, .target_key, .rule_version, .created_at, .updated_at, .as_of } AS warning
