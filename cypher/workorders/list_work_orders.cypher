// Work orders in the caller's jurisdiction by unit, status, case and overdue state, latest dispatch first.
// params: scope, unit, status, case (dispute id or case code), overdue (bool or null), as_of, ladder ({code, deadline, done_by}), skip, limit
// returns: order, dispute, unit, person
MATCH (w:WorkOrder)
WHERE w.area_code STARTS WITH $scope
  AND ($unit IS NULL OR w.unit_code = $unit)
  AND ($status IS NULL OR w.status = $status)
  AND ($case IS NULL OR w.case_code = $case OR w.dispute_id = $case)
WITH w, w.status <> '已办结' AND any(s IN $ladder WHERE w[s.deadline] <= $as_of
         AND NOT any(f IN s.done_by WHERE w[f] IS NOT NULL AND w[f] <= w[s.deadline])) AS late
WHERE $overdue IS NULL OR late = $overdue
WITH w ORDER BY w.dispatched_at DESC, w.id SKIP $skip LIMIT $limit
OPTIONAL MATCH (w)-[:FOR_DISPUTE]->(d:Dispute)
OPTIONAL MATCH (w)-[a:ASSIGNED_TO]->(u:Unit)
RETURN w {.*} AS order, d {.id, .case_code, .title, .status, .category} AS dispute, u {.code, .name} AS unit,
       a.person AS person
ORDER BY w.dispatched_at DESC, w.id
