// One node by its label and natural key (Dispute also by case code), if the caller may see it.
// params: label, key, scope
// returns: id (element id), labels, props
CALL () {
  MATCH (n:Dispute {id: $key}) WHERE $label = 'Dispute' RETURN n
  UNION
  MATCH (n:Dispute {case_code: $key}) WHERE $label = 'Dispute' RETURN n
  UNION
  MATCH (n:Report {key: $key}) WHERE $label = 'Report' RETURN n
  UNION
  MATCH (n:Person {pid: $key}) WHERE $label = 'Person' RETURN n
  UNION
  MATCH (n:Organization {key: $key}) WHERE $label = 'Organization' RETURN n
  UNION
  MATCH (n:Place {key: $key}) WHERE $label = 'Place' RETURN n
  UNION
  MATCH (n:Phone {number: $key}) WHERE $label = 'Phone' RETURN n
  UNION
  MATCH (n:IdNumber {value: $key}) WHERE $label = 'IdNumber' RETURN n
  UNION
  MATCH (n:Area {code: $key}) WHERE $label = 'Area' RETURN n
  UNION
  MATCH (n:Category {name: $key}) WHERE $label = 'Category' RETURN n
  UNION
  MATCH (n:Keyword {key: $key}) WHERE $label = 'Keyword' RETURN n
  UNION
  MATCH (n:Notice {code: $key}) WHERE $label = 'Notice' RETURN n
  UNION
  MATCH (n:Warning {id: $key}) WHERE $label = 'Warning' RETURN n
  UNION
  MATCH (n:Party {key: $key}) WHERE $label = 'Party' RETURN n
  UNION
  MATCH (n:KeyPersonEntry {key: $key}) WHERE $label = 'KeyPersonEntry' RETURN n
  UNION
  MATCH (n:WorkOrder {id: $key}) WHERE $label = 'WorkOrder' RETURN n
  UNION
  MATCH (n:Visit {id: $key}) WHERE $label = 'Visit' RETURN n
  UNION
  MATCH (n:Unit {code: $key}) WHERE $label = 'Unit' RETURN n
}
WITH n AS m
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
RETURN elementId(m) AS id, labels(m) AS labels, m {.*, geometry: null, elements_json: null, extra_json: null, search_text: null, flag_evidence_json: null, password_hash: null, content_hash: null, link_digest: null, link_writes: null} AS props
LIMIT 1
