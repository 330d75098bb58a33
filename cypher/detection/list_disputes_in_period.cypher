// Ids of the disputes that occurred in a period, oldest first (the full pass works through them in batches).
// params: start, end, scope
// returns: id
MATCH (d:Dispute)
WHERE d.occurred_at >= $start AND d.occurred_at <= $end AND d.area_code STARTS WITH $scope
RETURN d.id AS id
ORDER BY d.occurred_at, d.id
