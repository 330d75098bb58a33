// One dispute as a related-case list shows it, if it lies in the caller's jurisdiction.
// params: id, scope
// returns: dispute
MATCH (d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope
RETURN d { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute
