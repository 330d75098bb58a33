// How many work orders match the filters of the work-order list.
// params: scope, unit, status, case (dispute id or case code), overdue (bool or null), as_of, ladder ({code, deadline, done_by})
// returns: total
MATCH (w:WorkOrder)
WHERE w.area_code STARTS WITH $scope
  AND ($unit IS NULL OR w.unit_code = $unit)
  AND ($status IS NULL OR w.status = $status)
  AND ($case IS NULL OR w.case_code = $case OR w.dispute_id = $case)
WITH w, w.status <> '已办结' AND any(s IN $ladder WHERE w[s.deadline] <= $as_of
         AND NOT any(f IN s.done_by WHERE w[f] IS NOT NULL AND w[f] <= w[s.deadline])) AS late
WHERE $overdue IS NULL OR late = $overdue
RETURN count(w) AS total
