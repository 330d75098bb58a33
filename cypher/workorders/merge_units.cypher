// Create or update handling units and the areas they cover (COVERS replaced by the rows' list).
// scope: none (reference data: the units of the whole city, loaded by administrators)
// params: rows ({code, props: {name, kind, level, area_code, sectors, cover_codes, source}, covers})
// returns: written
UNWIND $rows AS row
MERGE (u:Unit {code: row.code})
SET u += row.props
WITH u, row
CALL (u, row) {
  OPTIONAL MATCH (u)-[old:COVERS]->(a:Area)
  WHERE NOT a.code IN row.covers
  DELETE old
}
CALL (u, row) {
  UNWIND row.covers AS code
  MATCH (a:Area {code: code})
  MERGE (u)-[:COVERS]->(a)
}
RETURN count(u) AS written
