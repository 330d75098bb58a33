// Warnings of one kind that are not closed, to close those whose target no longer scores.
// params: kind, target_label (or null for any), scope
// returns: id, target_label, target_key
MATCH (w:Warning)
WHERE w.kind = $kind AND w.status <> 'closed' AND w.area_code STARTS WITH $scope
  AND ($target_label IS NULL OR w.target_label = $target_label)
RETURN w.id AS id, w.target_label AS target_label, w.target_key AS target_key
ORDER BY id
