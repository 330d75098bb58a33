// Warnings about a person, in the caller's jurisdiction, newest first (reasons only in GET /warnings/{id}: they may cite other areas).
// params: pid, scope
// returns: warning
MATCH (w:Warning)-[:ABOUT]->(:Person {pid: $pid})
WHERE w.area_code STARTS WITH $scope
RETURN w { .id, .kind, .colour, .level, .score, .title, .status, .area_code, .created_at, .updated_at } AS warning
ORDER BY w.updated_at DESC
