// The closure of a case: outcome, who closed it and when.
// params: id (dispute id), scope
// returns: id, case_code, status, closed_at, closed_by_unit, resolution_outcome
MATCH (d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope
RETURN d.id AS id, d.case_code AS case_code, d.status AS status, d.closed_at AS closed_at,
       d.closed_by_unit AS closed_by_unit, d.resolution_outcome AS resolution_outcome
