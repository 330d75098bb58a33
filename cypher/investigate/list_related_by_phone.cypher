// Disputes of other persons (or contact-only reports) sharing a phone with the parties or reports of a dispute; hub phones contribute only their newest disputes.
// params: id, scope, hub_threshold, hub_recent
// returns: phone, holder_label, holder_key, holder_name, other_label, other_key, other_name, roles_there, degree, dispute
MATCH (d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope
CALL (d) {
  MATCH (d)<-[:PARTY_IN]-(h:Person)-[:HAS_PHONE]->(ph:Phone)
  RETURN ph, h
  UNION
  MATCH (d)<-[:OF_DISPUTE]-(h:Report)-[:CONTACT_PHONE]->(ph:Phone)
  WHERE h.area_code STARTS WITH $scope
  RETURN ph, h
}
WITH d, ph, h, COUNT { (ph)<-[:HAS_PHONE|CONTACT_PHONE]-() } AS degree
CALL (d, ph, h, degree) {
  CALL (d, ph, h) {
    MATCH (ph)<-[:HAS_PHONE]-(q:Person)-[there:PARTY_IN]->(o:Dispute)
    WHERE q <> h AND o <> d AND o.area_code STARTS WITH $scope AND NOT (q)-[:PARTY_IN]->(d)
    RETURN q, there.roles AS roles_there, o
    UNION
    MATCH (ph)<-[:CONTACT_PHONE]-(q:Report)-[:OF_DISPUTE]->(o:Dispute)
    WHERE q <> h AND o <> d AND q.area_code STARTS WITH $scope AND o.area_code STARTS WITH $scope
    RETURN q, [] AS roles_there, o
  }
  WITH q, roles_there, o ORDER BY o.occurred_at DESC
  WITH CASE WHEN degree > $hub_threshold THEN $hub_recent ELSE $hub_threshold END AS cap,
       collect({q: q, roles: roles_there, o: o}) AS found
  WITH found[..cap] AS picked
  UNWIND picked AS x
  RETURN x.q AS q, x.roles AS roles_there, x.o AS o
}
RETURN ph.number AS phone, CASE WHEN h:Person THEN 'Person' ELSE 'Report' END AS holder_label,
       coalesce(h.pid, h.key) AS holder_key, coalesce(h.name, h.reporter, h.channel_label) AS holder_name,
       CASE WHEN q:Person THEN 'Person' ELSE 'Report' END AS other_label, coalesce(q.pid, q.key) AS other_key,
       coalesce(q.name, q.reporter, q.channel_label) AS other_name, roles_there, degree,
       o { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute
