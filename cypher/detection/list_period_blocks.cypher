// The disputes of a period grouped by category and area (community, street, grid), with the earliest and latest
// time of each group: a full pass reads its blocks from these, not dispute by dispute.
// params: start, end, scope
// returns: category, community_code, street_code, grid_code, first, last, disputes
MATCH (d:Dispute)
WHERE d.occurred_at >= $start AND d.occurred_at <= $end AND d.area_code STARTS WITH $scope
RETURN d.category AS category, d.community_code AS community_code, d.street_code AS street_code,
       d.grid_code AS grid_code, min(d.occurred_at) AS first, max(d.occurred_at) AS last, count(*) AS disputes
