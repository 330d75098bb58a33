// Similar disputes: SIMILAR_TO links when detection made any, else the same community and category with shared keywords inside a window.
// params: id, scope, window_days, limit
// returns: source ('similar_to' | 'keywords'), score, reason, shared, dispute
MATCH (d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope
CALL (d) {
  MATCH (d)-[s:SIMILAR_TO]-(o:Dispute)
  WHERE o.area_code STARTS WITH $scope
  RETURN o, 'similar_to' AS source, coalesce(s.score, 0.5) AS score, s.reason AS reason, [] AS shared
  UNION
  WITH d WHERE NOT EXISTS { (d)-[:SIMILAR_TO]-() } AND d.community_code IS NOT NULL AND d.category IS NOT NULL
  MATCH (o:Dispute)
  USING INDEX o:Dispute(community_code, category, occurred_at)
  WHERE o.community_code = d.community_code AND o.category = d.category
    AND o.occurred_at >= d.occurred_at - duration({days: $window_days})
    AND o.occurred_at <= d.occurred_at + duration({days: $window_days})
    AND o <> d AND o.area_code STARTS WITH $scope
  WITH d, o, [k IN coalesce(o.keywords, []) WHERE k IN coalesce(d.keywords, [])] AS shared
  WHERE size(shared) > 0
  RETURN o, 'keywords' AS source,
         toFloat(size(shared)) / size(coalesce(d.keywords, []) + [k IN coalesce(o.keywords, []) WHERE NOT k IN coalesce(d.keywords, [])]) AS score,
         null AS reason, shared
}
WITH o, source, score, reason, shared ORDER BY score DESC, o.occurred_at DESC
LIMIT $limit
RETURN source, score, reason, shared,
       o { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute
