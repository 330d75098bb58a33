// Disputes of each community block (one category group) from the row's start (default: the window before the
// anchor) to its anchor, with their grid, time (epoch ms) and the ids of all their similar disputes (the caller
// keeps the links inside the rows it counts); the anchor is the row's as_of, or the block's latest dispute. On
// arrival the span reaches further back, so that the caller can count every window ending at or after the block's
// earliest new dispute. One row per block.
// params: rows ({key, community, categories, since, end, days, start (optional)}), scope
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
WITH row, anchor, coalesce(row.start, anchor - duration({days: row.days})) AS start
MATCH (d:Dispute)
WHERE d.community_code = row.community AND d.category IN row.categories
  AND d.occurred_at > start AND d.occurred_at <= anchor
  AND d.area_code STARTS WITH $scope
// Every linked dispute, unfiltered (21,872 -> 9,066 db hits for a community block): the caller's series keep only
// links between the rows.
WITH row, anchor, d, [(d)-[:SIMILAR_TO]-(o) | o.id] AS similar
RETURN row.key AS key, anchor,
       collect({id: d.id, grid: d.grid_code, at: d.occurred_at.epochMillis, similar: similar}) AS disputes
