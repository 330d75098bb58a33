// The warnings about one dispute in the caller's jurisdiction (any status), to downgrade or close them.
// params: id (dispute id), scope
// returns: id, kind, colour, level, scored_level (the scorer's level before a visit lowered it), status, history_json
MATCH (w:Warning)-[:ABOUT]->(:Dispute {id: $id})
WHERE w.area_code STARTS WITH $scope
RETURN w.id AS id, w.kind AS kind, w.colour AS colour, w.level AS level, w.scored_level AS scored_level,
       w.status AS status,
       w.history_json AS history_json
ORDER BY id
