// Every area with its geometry, to build the in-process area index of a loader run.
// scope: none (reference data: the area hierarchy is public within the centre)
// params: none
// returns: code, name, level, parent, geometry
MATCH (a:Area)
RETURN a.code AS code, a.name AS name, a.level AS level, a.parent AS parent, a.geometry AS geometry
ORDER BY a.code
