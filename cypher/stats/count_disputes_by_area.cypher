// Disputes per area of one level (district, street, community or grid) in a time window, inside the caller's jurisdiction.
// params: scope, level, start, end
// returns: code, name, count
MATCH (d:Dispute)
WHERE d.area_code STARTS WITH $scope AND d.occurred_at >= $start AND d.occurred_at < $end
WITH CASE $level
       WHEN 'district' THEN d.district_code
       WHEN 'street' THEN d.street_code
       WHEN 'community' THEN d.community_code
       ELSE d.grid_code
     END AS code, count(*) AS count
OPTIONAL MATCH (a:Area {code: code})
RETURN code, a.name AS name, count
ORDER BY count DESC, code
