// City-wide (caller's scope) dispute counts per category in a period, for the surge prior and season.
// params: start, end (exclusive start, inclusive end), scope
// returns: category, disputes
MATCH (d:Dispute)
WHERE d.occurred_at > $start AND d.occurred_at <= $end AND d.area_code STARTS WITH $scope
RETURN d.category AS category, count(*) AS disputes
