// Closed cases that disputes repeat after closure (化解后重复): same parties, SIMILAR_TO, same place and category,
// or a closed case that received a new report. The closed case is read city-wide: a history does not stop at a
// district border.
// params: ids, scope, window_days, min_shared
// returns: dispute_id, case_code, area_code, occurred_at, closed_id, closed_case_code, closed_area_code, closed_at, closed_by_unit, unit_name, closed_colour, reason, shared
UNWIND $ids AS id
MATCH (n:Dispute {id: id})
WHERE n.area_code STARTS WITH $scope
CALL (n) {
  MATCH (n)<-[:PARTY_IN]-(p:Person)-[:PARTY_IN]->(c:Dispute)
  WHERE c <> n AND c.status = 'closed'
  WITH c, collect(DISTINCT p.name) AS shared
  WHERE size(shared) >= $min_shared
  RETURN c, 'same_parties' AS reason, shared
  UNION
  MATCH (n)-[:SIMILAR_TO]-(c:Dispute)
  WHERE c.status = 'closed'
  RETURN DISTINCT c, 'similar' AS reason, [] AS shared
  UNION
  MATCH (n)-[:AT_PLACE]->(pl:Place)<-[:AT_PLACE]-(c:Dispute)
  WHERE c <> n AND c.status = 'closed' AND c.category = n.category
  RETURN c, 'same_place' AS reason, [pl.key] AS shared
  UNION
  WITH n
  WHERE n.status = 'closed' AND n.last_reported_at > n.closed_at
  RETURN n AS c, 'reopened' AS reason, [] AS shared
}
WITH n, c, reason, shared
WHERE c.closed_at IS NOT NULL
  AND (reason = 'reopened'
       OR (n.occurred_at > c.closed_at AND n.occurred_at <= c.closed_at + duration({days: $window_days})))
OPTIONAL MATCH (u:Unit {code: c.closed_by_unit})
RETURN n.id AS dispute_id, n.case_code AS case_code, n.area_code AS area_code, n.occurred_at AS occurred_at,
       c.id AS closed_id, c.case_code AS closed_case_code, c.area_code AS closed_area_code, c.closed_at AS closed_at,
       c.closed_by_unit AS closed_by_unit, u.name AS unit_name, c.closed_colour AS closed_colour, reason, shared
ORDER BY dispute_id, closed_id, reason
