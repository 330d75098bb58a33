// A dispute's element graph: parties, respondent organizations, place, category, keywords, reports, phones and the area chain.
// params: id, scope
// returns: source, target, type, props (one row per relationship; endpoints as {id, labels, props})
MATCH (d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope
CALL (d) {
  MATCH (d)<-[r:PARTY_IN]-() RETURN r
  UNION
  MATCH (d)-[r:AT_PLACE|OF_CATEGORY|IN_AREA]->() RETURN r
  UNION
  MATCH (d)-[r:HAS_KEYWORD]->() WHERE NOT coalesce(r.negated, false) RETURN r
  UNION
  MATCH (d)<-[r:OF_DISPUTE]-(rep:Report) WHERE rep.area_code STARTS WITH $scope RETURN r
  UNION
  MATCH (d)-[:IN_AREA]->(:Area)-[:PART_OF*0..4]->(:Area)-[r:PART_OF]->(:Area) RETURN r
  UNION
  MATCH (d)<-[:PARTY_IN]-(:Person)-[r:HAS_PHONE|HAS_ID_NUMBER]->() RETURN r
  UNION
  MATCH (d)<-[:OF_DISPUTE]-(rep:Report)-[r:CONTACT_PHONE]->() WHERE rep.area_code STARTS WITH $scope RETURN r
}
WITH r, startNode(r) AS s, endNode(r) AS e
RETURN {id: elementId(s), labels: labels(s), props: s {.*, geometry: null, elements_json: null, extra_json: null, search_text: null, flag_evidence_json: null, password_hash: null, content_hash: null, link_digest: null, link_writes: null}} AS source,
       {id: elementId(e), labels: labels(e), props: e {.*, geometry: null, elements_json: null, extra_json: null, search_text: null, flag_evidence_json: null, password_hash: null, content_hash: null, link_digest: null, link_writes: null}} AS target,
       type(r) AS type, properties(r) AS props
