// Disputes of each community and category group: observed in the last period before the anchor (ids, epoch ms) and
// in the history before it (count); the anchor is as_of, or the community's latest dispute of the group.
// params: rows ({key, community, categories, since, end, observe_days, history_days}), scope
// returns: key, anchor, observed, history
UNWIND $rows AS row
CALL (row) {
  MATCH (d:Dispute)
  WHERE d.community_code = row.community AND d.category IN row.categories AND d.occurred_at >= row.since
    AND (row.end IS NULL OR d.occurred_at <= row.end) AND d.area_code STARTS WITH $scope
  RETURN max(d.occurred_at) AS latest
}
WITH row, coalesce(row.end, latest) AS anchor
WHERE anchor IS NOT NULL
WITH row, anchor, anchor - duration({days: row.observe_days}) AS cut
CALL (row, anchor, cut) {
  MATCH (d:Dispute)
  WHERE d.community_code = row.community AND d.category IN row.categories
    AND d.occurred_at > cut - duration({days: row.history_days}) AND d.occurred_at <= anchor
    AND d.area_code STARTS WITH $scope
  RETURN collect(CASE WHEN d.occurred_at > cut THEN {id: d.id, at: d.occurred_at.epochMillis} END) AS observed,
         count(CASE WHEN d.occurred_at <= cut THEN 1 END) AS history
}
RETURN row.key AS key, anchor, observed, history
