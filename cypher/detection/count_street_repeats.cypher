// Each street block (one category group): how many of its disputes in the window before the anchor have a
// similar dispute in the window, in how many communities, and the latest of them; the anchor is the row's
// as_of, or the block's latest dispute.
// params: rows ({key, street, categories, since, end, days, limit}), scope
// returns: key, anchor, counted, communities, latest
UNWIND $rows AS row
CALL (row) {
  MATCH (d:Dispute)
  WHERE d.street_code = row.street AND d.category IN row.categories AND d.occurred_at >= row.since
    AND (row.end IS NULL OR d.occurred_at <= row.end) AND d.area_code STARTS WITH $scope
  RETURN max(d.occurred_at) AS latest
}
WITH row, coalesce(row.end, latest) AS anchor
WHERE anchor IS NOT NULL
CALL (row, anchor) {
  MATCH (d:Dispute)
  WHERE d.street_code = row.street AND d.category IN row.categories
    AND d.occurred_at > anchor - duration({days: row.days}) AND d.occurred_at <= anchor
    AND d.area_code STARTS WITH $scope
    AND EXISTS {
      MATCH (d)-[:SIMILAR_TO]-(o:Dispute)
      WHERE o.street_code = row.street AND o.category IN row.categories
        AND o.occurred_at > anchor - duration({days: row.days}) AND o.occurred_at <= anchor
    }
  WITH d ORDER BY d.occurred_at DESC, d.id DESC
  WITH count(d) AS counted, count(DISTINCT d.community_code) AS communities,
       collect(d {.id, .case_code, .occurred_at, .area_code, .report_count, .channels}) AS disputes
  RETURN counted, communities, disputes[..row.limit] AS latest
}
RETURN row.key AS key, anchor, counted, communities, latest
