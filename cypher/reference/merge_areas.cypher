// Create or update areas with their level label and geometry (GeoJSON text).
// scope: none (reference data: the area hierarchy, loaded by administrators)
// params: rows ({code, name, level, label, parent, geometry, lng, lat})
// returns: written
UNWIND $rows AS row
MERGE (a:Area {code: row.code})
SET a.name = row.name, a.level = row.level, a.parent = row.parent, a.geometry = row.geometry,
    a.lng = row.lng, a.lat = row.lat, a.search_text = row.name
SET a:$(row.label)
RETURN count(a) AS written
