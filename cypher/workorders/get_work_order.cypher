// One work order in the caller's jurisdiction with its case (一案一码) and its unit.
// params: id, scope
// returns: order, dispute, unit, person
MATCH (w:WorkOrder {id: $id})
WHERE w.area_code STARTS WITH $scope
OPTIONAL MATCH (w)-[:FOR_DISPUTE]->(d:Dispute)
OPTIONAL MATCH (w)-[a:ASSIGNED_TO]->(u:Unit)
RETURN w {.*} AS order, d {.id, .case_code, .title, .status, .category} AS dispute, u {.code, .name} AS unit,
       a.person AS person
