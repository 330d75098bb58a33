// One hop of a neighbourhood: the visible neighbours of frontier nodes, structural nodes first, then newest.
// params: ids (element ids of the frontier), scope, types (relationship types to follow; [] = all), per_node (cap per frontier node; one extra row tells truncation)
// returns: source, target, type, outgoing, rel_props, labels, props
UNWIND $ids AS id
MATCH (n) WHERE elementId(n) = id
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE (size($types) = 0 OR type(r) IN $types) AND
    CASE
      WHEN m:Dispute OR m:Report OR m:ReportVersion OR m:Warning OR m:WorkOrder OR m:Place
        THEN coalesce(m.area_code, '-') STARTS WITH $scope
      WHEN m:Area THEN m.code STARTS WITH $scope OR $scope STARTS WITH m.code
      WHEN m:Person OR m:Organization
        THEN $scope = '' OR EXISTS { (m)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope }
      WHEN m:Phone
        THEN $scope = ''
          OR EXISTS { (m)<-[:HAS_PHONE]-(:Person)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope }
          OR EXISTS { (m)<-[:CONTACT_PHONE]-(x:Report) WHERE x.area_code STARTS WITH $scope }
      WHEN m:IdNumber
        THEN $scope = ''
          OR EXISTS { (m)<-[:HAS_ID_NUMBER]-(:Person)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope }
      WHEN m:Party THEN EXISTS { (m)<-[:HAS_PARTY]-(x:Report) WHERE x.area_code STARTS WITH $scope }
      WHEN m:Notice OR m:KeyPersonEntry
        THEN $scope = ''
          OR EXISTS { (m)-[:ABOUT]->(:Person)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope }
          OR EXISTS { (m)<-[:LISTED_AS]-(:Person)-[:PARTY_IN]->(x:Dispute) WHERE x.area_code STARTS WITH $scope }
          OR EXISTS { (m)-[:ABOUT]->(x:Dispute) WHERE x.area_code STARTS WITH $scope }
      WHEN m:Visit THEN EXISTS { (m)-[:FOR_DISPUTE]->(x:Dispute) WHERE x.area_code STARTS WITH $scope }
      WHEN m:Category OR m:Keyword OR m:Unit THEN true
      ELSE false
    END
  WITH r, m ORDER BY coalesce(m.occurred_at, m.reported_at, m.updated_at, m.issued_at) DESC
  LIMIT $per_node
  RETURN r, m
}
RETURN elementId(n) AS source, elementId(m) AS target, type(r) AS type, startNode(r) = n AS outgoing,
       properties(r) AS rel_props, labels(m) AS labels, m {.*, geometry: null, elements_json: null, extra_json: null, search_text: null, flag_evidence_json: null, password_hash: null, content_hash: null, link_digest: null, link_writes: null} AS props
