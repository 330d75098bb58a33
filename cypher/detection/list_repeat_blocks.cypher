// Disputes of each area block (grid, community or street; one category group) in the window before its
// anchor, with their similarity links; the anchor is the row's as_of, or the block's latest dispute.
// params: rows ({key, grid, community, street, categories, since, end, days}), scope
// returns: key, anchor, id, case_code, occurred_at, area_code, report_count, channels, similar
UNWIND $rows AS row
CALL (row) {
  MATCH (d:Dispute)
  WHERE d.community_code = row.community AND d.category IN row.categories AND d.occurred_at >= row.since
    AND (row.grid IS NULL OR d.grid_code = row.grid) AND (row.end IS NULL OR d.occurred_at <= row.end)
    AND d.area_code STARTS WITH $scope
  RETURN d
  UNION
  MATCH (d:Dispute)
  WHERE d.street_code = row.street AND d.category IN row.categories AND d.occurred_at >= row.since
    AND (row.end IS NULL OR d.occurred_at <= row.end) AND d.area_code STARTS WITH $scope
  RETURN d
}
WITH row, max(d.occurred_at) AS latest
WITH row, coalesce(row.end, latest) AS anchor
CALL (row, anchor) {
  MATCH (d:Dispute)
  WHERE d.community_code = row.community AND d.category IN row.categories
    AND d.occurred_at > anchor - duration({days: row.days}) AND d.occurred_at <= anchor
    AND (row.grid IS NULL OR d.grid_code = row.grid) AND d.area_code STARTS WITH $scope
  RETURN d
  UNION
  MATCH (d:Dispute)
  WHERE d.street_code = row.street AND d.category IN row.categories
    AND d.occurred_at > anchor - duration({days: row.days}) AND d.occurred_at <= anchor
    AND d.area_code STARTS WITH $scope
  RETURN d
}
OPTIONAL MATCH (d)-[:SIMILAR_TO]-(o:Dispute)
WHERE o.occurred_at > anchor - duration({days: row.days}) AND o.occurred_at <= anchor
RETURN row.key AS key, anchor, d.id AS id, d.case_code AS case_code, d.occurred_at AS occurred_at,
       d.area_code AS area_code, d.report_count AS report_count, d.channels AS channels,
       collect(DISTINCT o.id) AS similar
