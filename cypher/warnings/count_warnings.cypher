// How many warnings match the board's filters.
// params: scope, colour, kind, area, status, date_from, date_to (each filter null = any)
// returns: total
MATCH (w:Warning)
WHERE w.area_code STARTS WITH $scope
  AND ($colour IS NULL OR w.colour = $colour) AND ($kind IS NULL OR w.kind = $kind)
  AND ($area IS NULL OR w.area_code STARTS WITH $area) AND ($status IS NULL OR w.status = $status)
  AND ($date_from IS NULL OR w.created_at >= $date_from) AND ($date_to IS NULL OR w.created_at < $date_to)
RETURN count(w) AS total
