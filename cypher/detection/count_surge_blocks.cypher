// Disputes of each community and category group: observed in the last period before the anchor (ids, epoch ms) and
// in the history before it (count); the anchor is as_of, or the community's latest dispute of the group.
// params: rows ({key, community, categories, since, end, observe_days, history_days}), scope
// returns: key, anchor, observed, history
UNWIND $rows AS row
WITH row, coalesce(row.end, COLLECT {
  MATCH (d:Dispute)
  WHERE d.community_code = row.community AND d.category IN row.categories AND d.occurred_at >= row.since
    AND d.area_code STARTS WITH $scope
  RETURN d.occurred_at AS at ORDER BY at DESC LIMIT 1
}[0]) AS anchor
WHERE anchor IS NOT NULL
WITH row, anchor, anchor - duration({days: row.observe_days}) AS cut
RETURN row.key AS key, anchor,
       COLLECT {
         MATCH (d:Dispute)
         WHERE d.community_code = row.community AND d.category IN row.categories
           AND d.occurred_at > cut AND d.occurred_at <= anchor AND d.area_code STARTS WITH $scope
         RETURN {id: d.id, at: d.occurred_at.epochMillis}
       } AS observed,
       COUNT {
         MATCH (d:Dispute)
         WHERE d.community_code = row.community AND d.category IN row.categories
           AND d.occurred_at > cut - duration({days: row.history_days}) AND d.occurred_at <= cut
           AND d.area_code STARTS WITH $scope
       } AS history
