// One page (by id) of disputes not closed that were reported within the window, for the daily re-score.
// params: scope, start, end (datetimes), closed_statuses, after_id, limit
// returns: id
MATCH (d:Dispute)
WHERE d.id > $after_id AND d.area_code STARTS WITH $scope
  AND NOT coalesce(d.status, 'open') IN $closed_statuses
  AND d.last_reported_at >= $start AND d.last_reported_at <= $end
RETURN d.id AS id
ORDER BY d.id
LIMIT $limit
