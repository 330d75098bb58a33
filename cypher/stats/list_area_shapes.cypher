// Areas of one level inside the caller's jurisdiction with their GeoJSON geometry, for the heat map.
// params: level, scope
// returns: code, name, geometry
MATCH (a:Area)
WHERE a.level = $level AND a.code STARTS WITH $scope
RETURN a.code AS code, a.name AS name, a.geometry AS geometry
ORDER BY code
