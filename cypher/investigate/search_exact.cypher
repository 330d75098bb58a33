// Exact matches of a search text: a phone number, an ID number, a case code, a dispute id or a report's source id.
// params: texts (the search text and its normalised forms), report_keys (channel|text for each channel), scope
// returns: id, labels, props, via
CALL () {
  MATCH (ph:Phone)<-[:HAS_PHONE]-(m:Person) WHERE ph.number IN $texts RETURN m, 'Phone' AS via
  UNION
  MATCH (ph:Phone)<-[:CONTACT_PHONE]-(m:Report) WHERE ph.number IN $texts RETURN m, 'Phone' AS via
  UNION
  MATCH (i:IdNumber)<-[:HAS_ID_NUMBER]-(m:Person) WHERE i.value IN $texts RETURN m, 'IdNumber' AS via
  UNION
  MATCH (m:Dispute) WHERE m.case_code IN $texts RETURN m, 'case_code' AS via
  UNION
  MATCH (m:Dispute) WHERE m.id IN $texts RETURN m, 'id' AS via
  UNION
  MATCH (m:Report) WHERE m.key IN $report_keys
  RETURN m, 'source_id' AS via
}
WITH m, via
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
RETURN elementId(m) AS id, labels(m) AS labels, m {.*, geometry: null, elements_json: null, extra_json: null, search_text: null, flag_evidence_json: null, password_hash: null, content_hash: null, link_digest: null, link_writes: null} AS props, via
