// Each street block (one category group): its disputes in the window before the anchor, with their community,
// time (epoch ms) and the ids of all its similar disputes (links leaving the block or the window included); the
// caller counts the largest series among the rows (as for a community). The anchor is the row's as_of, or the
// block's latest dispute. One row per block.
// params: rows ({key, street, categories, since, end, days}), scope
// returns: key, anchor, disputes ([{id, community, at, similar}])
UNWIND $rows AS row
CALL (row) {
  MATCH (d:Dispute)
  WHERE d.street_code = row.street AND d.category IN row.categories AND d.occurred_at >= row.since
    AND (row.end IS NULL OR d.occurred_at <= row.end) AND d.area_code STARTS WITH $scope
  RETURN max(d.occurred_at) AS latest
}
WITH row, coalesce(row.end, latest) AS anchor
WHERE anchor IS NOT NULL
MATCH (d:Dispute)
WHERE d.street_code = row.street AND d.category IN row.categories
  AND d.occurred_at > anchor - duration({days: row.days}) AND d.occurred_at <= anchor
  AND d.area_code STARTS WITH $scope
// Every linked dispute, unfiltered: reading the other end's properties cost most of the query (189,870 db hits
// for a street and 90 days, 71,144 without), and the caller's series keep only links between the rows.
WITH row, anchor, d, [(d)-[:SIMILAR_TO]-(o) | o.id] AS similar
RETURN row.key AS key, anchor,
       collect({id: d.id, community: d.community_code, at: d.occurred_at.epochMillis, similar: similar}) AS disputes
