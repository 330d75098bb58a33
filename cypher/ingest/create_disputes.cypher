// Create disputes with their area, category and place (one row per new dispute).
// params: rows ({id, props, occurred_at, created_at (ISO-8601 text with offset), area_code, category, place_key,
//   place_area_code}), scope
// returns: created
UNWIND $rows AS row
WITH row WHERE row.props.area_code STARTS WITH $scope
MERGE (d:Dispute {id: row.id})
ON CREATE SET d += row.props, d.occurred_at = datetime(row.occurred_at), d.last_reported_at = datetime(row.occurred_at),
              d.created_at = datetime(row.created_at)
WITH d, row
CALL (d, row) {
  MATCH (a:Area {code: row.area_code})
  MERGE (d)-[:IN_AREA]->(a)
}
CALL (d, row) {
  WITH d, row WHERE row.category IS NOT NULL
  MERGE (c:Category {name: row.category})
  MERGE (d)-[:OF_CATEGORY]->(c)
}
CALL (d, row) {
  WITH d, row WHERE row.place_key IS NOT NULL
  MERGE (pl:Place {key: row.place_key})
  ON CREATE SET pl.name = row.place_key, pl.area_code = row.place_area_code, pl.search_text = row.place_key
  MERGE (d)-[:AT_PLACE]->(pl)
}
RETURN count(d) AS created
