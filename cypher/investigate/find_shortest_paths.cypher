// The shortest paths (at most 6 hops) between two nodes through case links only, every node visible.
// params: source (element id), target (element id), max_hops, max_paths, scope
// returns: nodes ([{id, labels, props}]), rels ([{source, target, type, props}])
MATCH (a), (b)
WHERE elementId(a) = $source AND elementId(b) = $target
MATCH p = allShortestPaths((a)-[:PARTY_IN|HAS_PHONE|HAS_ID_NUMBER|OF_DISPUTE|HAS_PARTY|RESOLVED_TO|AT_PLACE|CONTACT_PHONE|SIMILAR_TO|ABOUT|LISTED_AS|FOR_DISPUTE*..6]-(b))
WHERE all(m IN nodes(p) WHERE
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
  END)
WITH p WHERE length(p) <= $max_hops
LIMIT $max_paths
RETURN [m IN nodes(p) | {id: elementId(m), labels: labels(m), props: m {.*, geometry: null, elements_json: null, extra_json: null, search_text: null, flag_evidence_json: null, password_hash: null, content_hash: null, link_digest: null, link_writes: null}}] AS nodes,
       [r IN relationships(p) | {source: elementId(startNode(r)), target: elementId(endNode(r)), type: type(r),
                                 props: properties(r)}] AS rels
