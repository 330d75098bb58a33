// Record supervision steps (督办) on open work orders, once per order and step; the level is the highest step.
// params: rows ({id, code, level, name, entry, escalated_to}), scope
// returns: id, code
UNWIND $rows AS row
MATCH (w:WorkOrder {id: row.id})
WHERE w.area_code STARTS WITH $scope AND w.status <> '已办结' AND NOT row.code IN coalesce(w.supervision_codes, [])
WITH w, row, row.level > coalesce(w.supervision_level, 0) AS higher
SET w.supervision_codes = coalesce(w.supervision_codes, []) + row.code,
    w.history = coalesce(w.history, []) + row.entry,
    w.supervision_level = CASE WHEN higher THEN row.level ELSE w.supervision_level END,
    w.supervision_name = CASE WHEN higher THEN row.name ELSE w.supervision_name END,
    w.escalated_to = coalesce(row.escalated_to, w.escalated_to)
RETURN w.id AS id, row.code AS code
