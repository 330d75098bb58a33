// Everything a related-case answer is built from, in one round trip: the dispute, and per reason kind the rows
// of the other disputes connected to it (parties, phones, ID numbers, place, similar, resolved precedents), each
// part skipped when its flag is false. A party, phone or place with more than hub_threshold visible disputes
// contributes only its hub_recent newest; degree is counted in the same pass that reads them, and roles are
// read for the picked links only. Instants are
// returned as ISO-8601 text (the service writes offsets, never zone ids): the driver's DateTime costs ~35 µs each.
// params: id, scope, hub_threshold, hub_recent, window_days, similar_limit, precedent_limit, parties, phones, id_numbers, places, similar
// returns: dispute, parties, phones, id_numbers, places, similar, precedents (each a list of row maps)
MATCH (d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope
CALL (d) {
  WITH d WHERE $parties
  MATCH (d)<-[here:PARTY_IN]-(p)
  CALL (d, p) {
    MATCH (p)-[there:PARTY_IN]->(o:Dispute)
    WHERE o.area_code STARTS WITH $scope
    WITH o, there ORDER BY o.occurred_at DESC
    RETURN count(o) AS degree, collect(CASE WHEN o <> d THEN {o: o, there: there} END) AS found
  }
  WITH p, here, degree, found[..CASE WHEN degree > $hub_threshold THEN $hub_recent ELSE $hub_threshold END] AS picked
  UNWIND picked AS x
  WITH p, here, degree, x.o AS o, x.there.roles AS roles_there
  RETURN collect({
    party_label: CASE WHEN p:Person THEN 'Person' ELSE 'Organization' END, party_key: coalesce(p.pid, p.key),
    party_name: p.name, roles_here: here.roles, degree: degree, roles_there: roles_there,
    dispute: o { .id, .case_code, .title, .category, .status, occurred_at: toString(o.occurred_at), .area_code, .community_code, .channels,
                 .report_count, .keywords, .resolution_outcome, .mediation_notes }}) AS parties
}
CALL (d) {
  WITH d WHERE $phones
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
      RETURN q, there, o
      UNION
      MATCH (ph)<-[:CONTACT_PHONE]-(q:Report)-[:OF_DISPUTE]->(o:Dispute)
      WHERE q <> h AND o <> d AND q.area_code STARTS WITH $scope AND o.area_code STARTS WITH $scope
      RETURN q, null AS there, o
    }
    WITH q, there, o ORDER BY o.occurred_at DESC
    WITH CASE WHEN degree > $hub_threshold THEN $hub_recent ELSE $hub_threshold END AS cap,
         collect({q: q, there: there, o: o}) AS found
    WITH found[..cap] AS picked
    UNWIND picked AS x
    RETURN x.q AS q, CASE WHEN x.there IS NULL THEN [] ELSE x.there.roles END AS roles_there, x.o AS o
  }
  RETURN collect({
    phone: ph.number, holder_label: CASE WHEN h:Person THEN 'Person' ELSE 'Report' END,
    holder_key: coalesce(h.pid, h.key), holder_name: coalesce(h.name, h.reporter, h.channel_label),
    other_label: CASE WHEN q:Person THEN 'Person' ELSE 'Report' END, other_key: coalesce(q.pid, q.key),
    other_name: coalesce(q.name, q.reporter, q.channel_label), roles_there: roles_there, degree: degree,
    dispute: o { .id, .case_code, .title, .category, .status, occurred_at: toString(o.occurred_at), .area_code, .community_code, .channels,
                 .report_count, .keywords, .resolution_outcome, .mediation_notes }}) AS phones
}
CALL (d) {
  WITH d WHERE $id_numbers
  MATCH (d)<-[:PARTY_IN]-(h:Person)-[:HAS_ID_NUMBER]->(i:IdNumber)<-[:HAS_ID_NUMBER]-(q:Person)
  WHERE q <> h
  MATCH (q)-[there:PARTY_IN]->(o:Dispute)
  WHERE o <> d AND o.area_code STARTS WITH $scope
  WITH i, h, q, there, o ORDER BY o.occurred_at DESC
  LIMIT 200
  RETURN collect({
    id_number: i.value, holder_key: h.pid, holder_name: h.name, other_key: q.pid, other_name: q.name,
    roles_there: there.roles,
    dispute: o { .id, .case_code, .title, .category, .status, occurred_at: toString(o.occurred_at), .area_code, .community_code, .channels,
                 .report_count, .keywords, .resolution_outcome, .mediation_notes }}) AS id_numbers
}
CALL (d) {
  WITH d WHERE $places
  MATCH (d)-[:AT_PLACE]->(pl:Place)
  CALL (d, pl) {
    MATCH (pl)<-[:AT_PLACE]-(o:Dispute)
    WHERE o.area_code STARTS WITH $scope
    WITH o ORDER BY o.occurred_at DESC
    RETURN count(o) AS degree, collect(CASE WHEN o <> d THEN o END) AS found
  }
  WITH pl, degree, found[..CASE WHEN degree > $hub_threshold THEN $hub_recent ELSE $hub_threshold END] AS picked
  UNWIND picked AS o
  RETURN collect({
    place_key: pl.key, place_name: coalesce(pl.name, pl.key), degree: degree,
    dispute: o { .id, .case_code, .title, .category, .status, occurred_at: toString(o.occurred_at), .area_code, .community_code, .channels,
                 .report_count, .keywords, .resolution_outcome, .mediation_notes }}) AS places
}
CALL (d) {
  WITH d WHERE $similar
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
  LIMIT $similar_limit
  RETURN collect({
    source: source, score: score, reason: reason, shared: shared,
    dispute: o { .id, .case_code, .title, .category, .status, occurred_at: toString(o.occurred_at), .area_code, .community_code, .channels,
                 .report_count, .keywords, .resolution_outcome, .mediation_notes }}) AS similar
}
CALL (d) {
  WITH d WHERE $precedent_limit > 0 AND d.community_code IS NOT NULL AND d.category IS NOT NULL
  MATCH (o:Dispute)
  USING INDEX o:Dispute(community_code, category, occurred_at)
  WHERE o.community_code = d.community_code AND o.category = d.category AND o.occurred_at IS NOT NULL
    AND o.status = 'closed'
    AND o <> d AND o.area_code STARTS WITH $scope
  WITH o, [k IN coalesce(o.keywords, []) WHERE k IN coalesce(d.keywords, [])] AS shared
  ORDER BY size(shared) DESC, o.occurred_at DESC
  LIMIT $precedent_limit
  RETURN collect({
    shared: shared,
    dispute: o { .id, .case_code, .title, .category, .status, occurred_at: toString(o.occurred_at), .area_code, .community_code, .channels,
                 .report_count, .keywords, .resolution_outcome, .mediation_notes }}) AS precedents
}
RETURN d { .id, .case_code, .title, .category, .status, occurred_at: toString(d.occurred_at), .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute,
       parties, phones, id_numbers, places, similar, precedents
