// Other disputes of the parties of a dispute (persons and organizations) with the party's roles in both; a party with more than hub_threshold visible disputes contributes only its hub_recent newest.
// params: id, scope, hub_threshold, hub_recent
// returns: party_label, party_key, party_name, roles_here, degree, roles_there, dispute
MATCH (d:Dispute {id: $id})<-[here:PARTY_IN]-(p)
WHERE d.area_code STARTS WITH $scope
WITH p, here, COUNT { (p)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope } AS degree
CALL (p, degree) {
  MATCH (p)-[there:PARTY_IN]->(o:Dispute)
  WHERE o.id <> $id AND o.area_code STARTS WITH $scope
  WITH o, there ORDER BY o.occurred_at DESC
  WITH CASE WHEN degree > $hub_threshold THEN $hub_recent ELSE $hub_threshold END AS cap,
       collect({o: o, roles: there.roles}) AS found
  WITH found[..cap] AS picked
  UNWIND picked AS x
  RETURN x.o AS o, x.roles AS roles_there
}
RETURN CASE WHEN p:Person THEN 'Person' ELSE 'Organization' END AS party_label, coalesce(p.pid, p.key) AS party_key,
       p.name AS party_name, here.roles AS roles_here, degree, roles_there,
       o { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute
