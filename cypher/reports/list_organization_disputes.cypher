// Disputes an organization is party to, with its roles.
// params: key, scope
// returns: dispute_id, case_code, roles
MATCH (o:Organization {key: $key})-[link:PARTY_IN]->(d:Dispute)
WHERE d.area_code STARTS WITH $scope
RETURN d.id AS dispute_id, d.case_code AS case_code, link.roles AS roles
ORDER BY d.occurred_at
