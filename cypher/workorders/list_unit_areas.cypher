// Areas of the districts, streets and communities (without geometry), to derive the handling units.
// scope: none (reference data: the area hierarchy is public within the centre)
// params: none
// returns: code, name, level, parent
MATCH (a:Area)
WHERE a.level IN ['district', 'street', 'community']
RETURN a.code AS code, a.name AS name, a.level AS level, a.parent AS parent
ORDER BY a.code
