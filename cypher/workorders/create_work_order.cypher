// Create a work order (分流交办) for a dispute and a unit covering its area or the area detection routed it to;
// an order with the same id (same dispute, unit and dispatch time) is left as it is.
// params: id, dispute_id, unit_code, person, props, entry, scope
// returns: id, created
MATCH (d:Dispute {id: $dispute_id})
WHERE d.area_code STARTS WITH $scope
MATCH (u:Unit {code: $unit_code})
WHERE EXISTS {
  MATCH (u)-[:COVERS]->(a:Area)
  WHERE d.area_code STARTS WITH a.code OR coalesce(d.routed_to, '-') STARTS WITH a.code
}
OPTIONAL MATCH (old:WorkOrder {id: $id})
WITH d, u, old IS NULL AS created
MERGE (w:WorkOrder {id: $id})
ON CREATE SET w += $props, w.case_code = d.case_code, w.dispute_id = d.id, w.area_code = d.area_code,
              w.unit_code = u.code, w.unit_name = u.name, w.responsible_person = $person, w.history = [$entry]
MERGE (w)-[:FOR_DISPUTE]->(d)
MERGE (w)-[a:ASSIGNED_TO]->(u)
ON CREATE SET a.person = $person
RETURN w.id AS id, created
