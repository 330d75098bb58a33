// Disputes of other person records that carry the same ID number as a party of a dispute.
// params: id, scope
// returns: id_number, holder_key, holder_name, other_key, other_name, roles_there, dispute
MATCH (d:Dispute {id: $id})<-[:PARTY_IN]-(h:Person)-[:HAS_ID_NUMBER]->(i:IdNumber)<-[:HAS_ID_NUMBER]-(q:Person)
WHERE d.area_code STARTS WITH $scope AND q <> h
MATCH (q)-[there:PARTY_IN]->(o:Dispute)
WHERE o <> d AND o.area_code STARTS WITH $scope
RETURN i.value AS id_number, h.pid AS holder_key, h.name AS holder_name, q.pid AS other_key, q.name AS other_name,
       there.roles AS roles_there,
       o { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute
ORDER BY o.occurred_at DESC
LIMIT 200
