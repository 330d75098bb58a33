// Disputes per calendar month (China Standard Time) in a time window, inside the caller's jurisdiction.
// params: scope, start, end
// returns: month ('YYYY-MM'), count
MATCH (d:Dispute)
WHERE d.area_code STARTS WITH $scope AND d.occurred_at >= $start AND d.occurred_at < $end
WITH left(toString(date(datetime({datetime: d.occurred_at, timezone: '+08:00'}))), 7) AS month
RETURN month, count(*) AS count
ORDER BY month
