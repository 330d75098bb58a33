// Link warnings to their evidence nodes, found by label and natural key, with factor, points and detail.
// Each branch seeks only for its own label (a null key seeks nothing), not eleven locking seeks per row.
// params: rows ({warning_id, label, key, factor, points, detail}), scope
// returns: linked
UNWIND $rows AS row
MATCH (w:Warning {id: row.warning_id})
WHERE w.area_code STARTS WITH $scope
CALL (row) {
  MATCH (n:Dispute {id: CASE row.label WHEN 'Dispute' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Person {pid: CASE row.label WHEN 'Person' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Organization {key: CASE row.label WHEN 'Organization' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Report {key: CASE row.label WHEN 'Report' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Party {key: CASE row.label WHEN 'Party' THEN row.key END}) RETURN n
  UNION
  MATCH (n:KeyPersonEntry {key: CASE row.label WHEN 'KeyPersonEntry' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Notice {code: CASE row.label WHEN 'Notice' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Place {key: CASE row.label WHEN 'Place' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Keyword {key: CASE row.label WHEN 'Keyword' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Area {code: CASE row.label WHEN 'Area' THEN row.key END}) RETURN n
  UNION
  MATCH (n:Category {name: CASE row.label WHEN 'Category' THEN row.key END}) RETURN n
}
CREATE (w)-[e:EVIDENCE]->(n)
SET e.factor = row.factor, e.points = row.points, e.detail = row.detail
RETURN count(e) AS linked
