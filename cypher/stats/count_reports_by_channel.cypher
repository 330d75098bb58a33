// Reports per channel in a time window, inside the caller's jurisdiction, with the disputes they describe.
// params: scope, start, end
// returns: channel, count, disputes
MATCH (r:Report)
WHERE r.reported_at >= $start AND r.reported_at < $end AND r.area_code STARTS WITH $scope
OPTIONAL MATCH (r)-[:OF_DISPUTE]->(d:Dispute)
RETURN r.channel AS channel, count(r) AS count, count(DISTINCT d) AS disputes
ORDER BY count DESC, channel
