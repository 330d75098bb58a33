// Audit entries in a time window, newest first, optionally of one user.
// scope: none (administrators only, checked by the service before the query runs)
// params: username (null = all), start, end, limit
// returns: id, at, username, action, target, client, path
MATCH (e:AuditEntry)
WHERE e.at >= $start AND e.at < $end AND ($username IS NULL OR e.username = $username)
RETURN e.id AS id, e.at AS at, e.username AS username, e.action AS action, e.target AS target,
       e.client AS client, e.path AS path
ORDER BY e.at DESC
LIMIT $limit
