// Disputes per category in a time window, inside the caller's jurisdiction.
// params: scope, start, end
// returns: category, count
MATCH (d:Dispute)
WHERE d.area_code STARTS WITH $scope AND d.occurred_at >= $start AND d.occurred_at < $end
RETURN d.category AS category, count(*) AS count
ORDER BY count DESC, category
