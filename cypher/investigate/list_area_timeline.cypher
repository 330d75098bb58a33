// Disputes of an area (by code prefix) inside the caller's jurisdiction, newest first, with their reports.
// params: code, scope, start, end, limit
// returns: dispute, reports
MATCH (d:Dispute)
WHERE d.area_code STARTS WITH $code AND d.area_code STARTS WITH $scope
  AND d.occurred_at >= $start AND d.occurred_at < $end
WITH d ORDER BY d.occurred_at DESC
LIMIT $limit
CALL (d) {
  OPTIONAL MATCH (d)<-[:OF_DISPUTE]-(r:Report)
  WHERE r.area_code STARTS WITH $scope
  WITH r ORDER BY r.reported_at
  RETURN collect(r { .key, .channel, .channel_label, .reported_at, .title }) AS reports
}
RETURN d { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute, reports
