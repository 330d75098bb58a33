// Link warnings to their evidence nodes, found by label and natural key, with factor, points and detail.
// params: rows ({warning_id, label, key, factor, points, detail}), scope
// returns: linked
UNWIND $rows AS row
MATCH (w:Warning {id: row.warning_id})
WHERE w.area_code STARTS WITH $scope
CALL (row) {
  MATCH (n:Dispute {id: row.key}) WHERE row.label = 'Dispute' RETURN n
  UNION
  MATCH (n:Person {pid: row.key}) WHERE row.label = 'Person' RETURN n
  UNION
  MATCH (n:Organization {key: row.key}) WHERE row.label = 'Organization' RETURN n
  UNION
  MATCH (n:Report {key: row.key}) WHERE row.label = 'Report' RETURN n
  UNION
  MATCH (n:Party {key: row.key}) WHERE row.label = 'Party' RETURN n
  UNION
  MATCH (n:KeyPersonEntry {key: row.key}) WHERE row.label = 'KeyPersonEntry' RETURN n
  UNION
  MATCH (n:Notice {code: row.key}) WHERE row.label = 'Notice' RETURN n
  UNION
  MATCH (n:Place {key: row.key}) WHERE row.label = 'Place' RETURN n
  UNION
  MATCH (n:Keyword {key: row.key}) WHERE row.label = 'Keyword' RETURN n
  UNION
  MATCH (n:Area {code: row.key}) WHERE row.label = 'Area' RETURN n
  UNION
  MATCH (n:Category {name: row.key}) WHERE row.label = 'Category' RETURN n
}
CREATE (w)-[e:EVIDENCE]->(n)
SET e.factor = row.factor, e.points = row.points, e.detail = row.detail
RETURN count(e) AS linked
