// Closed disputes of the same community and category with how they were resolved, most keyword overlap first.
// params: id, scope, limit
// returns: shared, dispute
MATCH (d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope AND d.community_code IS NOT NULL AND d.category IS NOT NULL
MATCH (o:Dispute)
USING INDEX o:Dispute(community_code, category, occurred_at)
WHERE o.community_code = d.community_code AND o.category = d.category AND o.occurred_at IS NOT NULL
  AND o.status = 'closed'
  AND o <> d AND o.area_code STARTS WITH $scope
WITH o, [k IN coalesce(o.keywords, []) WHERE k IN coalesce(d.keywords, [])] AS shared
ORDER BY size(shared) DESC, o.occurred_at DESC
LIMIT $limit
RETURN shared,
       o { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute
