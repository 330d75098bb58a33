// Return visits in the caller's jurisdiction by status, due date, case and unit, earliest due first.
// params: scope, status, due_before, case (dispute id or case code), unit, limit
// returns: visit
MATCH (v:Visit)
WHERE v.area_code STARTS WITH $scope
  AND ($status IS NULL OR v.status = $status)
  AND ($due_before IS NULL OR v.due_at < $due_before)
  AND ($case IS NULL OR v.dispute_id = $case OR v.case_code = $case)
  AND ($unit IS NULL OR v.unit_code = $unit)
RETURN v {.*} AS visit
ORDER BY v.due_at, v.id
LIMIT $limit
