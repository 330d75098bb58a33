// A dispute (by id or case code) with its open risk warning, the units covering its area (and the area detection
// routed it to), and its work orders not yet done.
// params: id, scope
// returns: dispute, warning, units, routed_units, open_orders
MATCH (d:Dispute)
WHERE (d.id = $id OR d.case_code = $id) AND d.area_code STARTS WITH $scope
OPTIONAL MATCH (w:Warning {id: 'risk:Dispute:' + d.id})
WITH d, CASE WHEN w.status <> 'closed' THEN w END AS w
CALL (d) {
  UNWIND [n IN [6, 9, 12] WHERE size(d.area_code) >= n | left(d.area_code, n)] AS code
  MATCH (u:Unit)-[:COVERS]->(:Area {code: code})
  RETURN collect(DISTINCT u {.code, .name, .kind, .level, .area_code, .sectors}) AS units
}
CALL (d) {
  UNWIND [n IN [6, 9, 12] WHERE size(coalesce(d.routed_to, '')) >= n | left(d.routed_to, n)] AS code
  MATCH (u:Unit)-[:COVERS]->(:Area {code: code})
  RETURN collect(DISTINCT u {.code, .name, .kind, .level, .area_code, .sectors}) AS routed_units
}
CALL (d) {
  OPTIONAL MATCH (o:WorkOrder)-[:FOR_DISPUTE]->(d)
  WHERE o.status <> '已办结'
  RETURN collect(o {.id, .unit_code}) AS open_orders
}
RETURN d {.id, .case_code, .title, .category, .status, .area_code, .routed_to, .routed_reason, .risk_colour,
          .closed_at} AS dispute,
       w {.id, .colour, .level, .status} AS warning, units, routed_units, open_orders
