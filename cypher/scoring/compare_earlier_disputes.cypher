// Earlier disputes of the same persons within the window before each dispute (repeat count); earlier disputes are read city-wide, since a person's history does not stop at a district border.
// params: ids (dispute ids), scope, window_days
// returns: dispute_id, pid, name, earlier_id, case_code, occurred_at (ISO-8601 text), category, title
UNWIND $ids AS id
MATCH (d:Dispute {id: id})<-[:PARTY_IN]-(p:Person)-[:PARTY_IN]->(e:Dispute)
WHERE d.area_code STARTS WITH $scope AND e.id <> d.id AND e.occurred_at < d.occurred_at
  AND e.occurred_at >= d.occurred_at - duration({days: $window_days})
RETURN d.id AS dispute_id, p.pid AS pid, p.name AS name, e.id AS earlier_id, e.case_code AS case_code,
       toString(e.occurred_at) AS occurred_at, e.category AS category, e.title AS title
ORDER BY dispute_id, earlier_id, pid
