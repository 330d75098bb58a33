// The disputes of persons up to an instant, for a person's accumulated score.
// params: pids, scope, end (datetime, or null for no end)
// returns: pid, name, dispute_id, occurred_at, last_reported_at (ISO-8601 text), area_code
UNWIND $pids AS pid
MATCH (p:Person {pid: pid})-[:PARTY_IN]->(d:Dispute)
WHERE d.area_code STARTS WITH $scope AND ($end IS NULL OR d.occurred_at <= $end)
RETURN p.pid AS pid, p.name AS name, d.id AS dispute_id, toString(d.occurred_at) AS occurred_at,
       toString(d.last_reported_at) AS last_reported_at, d.area_code AS area_code
ORDER BY pid, d.occurred_at, dispute_id
