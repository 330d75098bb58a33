// Lower a warning's colour after a good return visit (status downgraded, history kept); closed warnings stay.
// params: id, scope, props ({colour, level, level_name, leader, scored_level, status, history_json, updated_at})
// returns: id, colour, status
MATCH (w:Warning {id: $id})
WHERE w.area_code STARTS WITH $scope AND w.status <> 'closed'
SET w += $props
RETURN w.id AS id, w.colour AS colour, w.status AS status
