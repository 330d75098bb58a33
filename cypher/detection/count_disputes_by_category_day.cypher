// City-wide (caller's scope) dispute counts per category and Beijing day, for the surge prior and season.
// params: start, end (exclusive start, inclusive end), scope
// returns: category, day, disputes
MATCH (d:Dispute)
WHERE d.occurred_at > $start AND d.occurred_at <= $end AND d.area_code STARTS WITH $scope
RETURN d.category AS category, date(datetime({datetime: d.occurred_at, timezone: '+08:00'})) AS day,
       count(*) AS disputes
