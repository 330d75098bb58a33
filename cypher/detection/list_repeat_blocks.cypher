// Disputes of each community block (one category group) in the window before its anchor, with their grid,
// time (epoch ms) and similarity links inside the block; the anchor is the row's as_of, or the block's latest
// dispute. One row per block.
// params: rows ({key, community, categories, since, end, days}), scope
// returns: key, anchor, disputes ([{id, grid, at, similar}])
UNWIND $rows AS row
CALL (row) {
  MATCH (d:Dispute)
  WHERE d.community_code = row.community AND d.category IN row.categories AND d.occurred_at >= row.since
    AND (row.end IS NULL OR d.occurred_at <= row.end) AND d.area_code STARTS WITH $scope
  RETURN max(d.occurred_at) AS latest
}
WITH row, coalesce(row.end, latest) AS anchor
WHERE anchor IS NOT NULL
MATCH (d:Dispute)
WHERE d.community_code = row.community AND d.category IN row.categories
  AND d.occurred_at > anchor - duration({days: row.days}) AND d.occurred_at <= anchor
  AND d.area_code STARTS WITH $scope
OPTIONAL MATCH (d)-[:SIMILAR_TO]-(o:Dispute)
WHERE o.community_code = row.community AND o.category IN row.categories
  AND o.occurred_at > anchor - duration({days: row.days}) AND o.occurred_at <= anchor
WITH row, anchor, d, collect(o.id) AS similar
RETURN row.key AS key, anchor,
       collect({id: d.id, grid: d.grid_code, at: d.occurred_at.epochMillis, similar: similar}) AS disputes
