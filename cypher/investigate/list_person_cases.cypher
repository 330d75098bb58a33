// The disputes in the caller's jurisdiction a person is party to, with their roles, newest first.
// params: pid, scope, limit
// returns: roles, dispute
MATCH (:Person {pid: $pid})-[link:PARTY_IN]->(d:Dispute)
WHERE d.area_code STARTS WITH $scope
RETURN link.roles AS roles,
       d { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute
ORDER BY d.occurred_at DESC
LIMIT $limit
