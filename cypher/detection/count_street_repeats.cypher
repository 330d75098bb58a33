// Each street block (one category group): its disputes in the window before the anchor, with their community,
// time (epoch ms) and similarity links to disputes of the block in the window; the caller counts the largest
// series (as for a community). The anchor is the row's as_of, or the block's latest dispute. One row per block.
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
OPTIONAL MATCH (d)-[:SIMILAR_TO]-(o:Dispute)
WHERE o.street_code = row.street AND o.category IN row.categories
  AND o.occurred_at > anchor - duration({days: row.days}) AND o.occurred_at <= anchor
WITH row, anchor, d, collect(o.id) AS similar
RETURN row.key AS key, anchor,
       collect({id: d.id, community: d.community_code, at: d.occurred_at.epochMillis, similar: similar}) AS disputes
