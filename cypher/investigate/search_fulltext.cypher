// Full-text search (CJK) over names, phones, ID numbers, organizations, places, case codes and dispute text; phone, ID and party hits become the person, organization or report they belong to.
// params: query (Lucene syntax, escaped), fetch (index hits read), limit, scope
// returns: id, labels, props, score, via
CALL db.index.fulltext.queryNodes('index_search_text', $query, {limit: $fetch}) YIELD node, score
CALL (node) {
  WITH node WHERE node:Phone OR node:IdNumber
  MATCH (node)<-[:HAS_PHONE|HAS_ID_NUMBER]-(p:Person)
  RETURN p AS m, labels(node)[0] AS via
  UNION
  WITH node WHERE node:Phone
  MATCH (node)<-[:CONTACT_PHONE]-(r:Report)
  RETURN r AS m, 'Phone' AS via
  UNION
  WITH node WHERE node:Party
  MATCH (node)-[:RESOLVED_TO]->(e)
  RETURN e AS m, 'Party' AS via
  UNION
  WITH node WHERE NOT (node:Phone OR node:IdNumber OR node:Party)
  RETURN node AS m, null AS via
}
WITH m, max(score) AS score, collect(DISTINCT via) AS vias
WHERE
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
RETURN elementId(m) AS id, labels(m) AS labels, m {.*, geometry: null, elements_json: null, extra_json: null, search_text: null, flag_evidence_json: null, password_hash: null, content_hash: null, link_digest: null, link_writes: null} AS props, score, vias[0] AS via
ORDER BY score DESC
LIMIT $limit
