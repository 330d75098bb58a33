// Load key places (重点场所) as Place nodes labelled KeyPlace, in their grid.
// scope: none (reference data: the centre's risk database)
// params: rows ({key, name, kind, address, lng, lat, grid_code, area_code})
// returns: written
UNWIND $rows AS row
MERGE (pl:Place {key: row.key})
SET pl:KeyPlace, pl.name = row.name, pl.kind = row.kind, pl.address = row.address, pl.lng = row.lng,
    pl.lat = row.lat, pl.grid_code = row.grid_code, pl.area_code = row.area_code,
    pl.search_text = row.name + ' ' + coalesce(row.address, '')
SET pl.location = CASE WHEN row.lng IS NULL OR row.lat IS NULL THEN null
                       ELSE point({longitude: row.lng, latitude: row.lat}) END
WITH pl, row
CALL (pl, row) {
  MATCH (g:Area {code: row.grid_code})
  MERGE (pl)-[:IN_AREA]->(g)
}
RETURN count(pl) AS written
