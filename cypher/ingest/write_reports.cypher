// Create or update reports with their area link (one row per report).
// params: rows ({key, props, reported_at, due_at, loaded_at (ISO-8601 text with offset), area_code, area_method,
//   area_detail}), scope
// returns: written
UNWIND $rows AS row
WITH row WHERE row.props.area_code STARTS WITH $scope
MERGE (r:Report {key: row.key})
SET r += row.props, r.reported_at = datetime(row.reported_at), r.due_at = datetime(row.due_at),
    r.loaded_at = datetime(row.loaded_at)
WITH r, row
OPTIONAL MATCH (r)-[old:IN_AREA]->()
DELETE old
WITH DISTINCT r, row
CALL (r, row) {
  MATCH (a:Area {code: row.area_code})
  MERGE (r)-[link:IN_AREA]->(a)
  SET link.method = row.area_method, link.detail = row.area_detail
}
RETURN count(r) AS written
