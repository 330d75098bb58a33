// Move a work order on (sign, progress, reply, resolve) when its status allows it, with a history entry.
// params: id, scope, from_statuses, props, entry
// returns: id, status
MATCH (w:WorkOrder {id: $id})
WHERE w.area_code STARTS WITH $scope AND w.status IN $from_statuses
SET w += $props, w.history = coalesce(w.history, []) + $entry
RETURN w.id AS id, w.status AS status
