// One area, if it lies in the caller's jurisdiction or contains it.
// params: code, scope
// returns: code, name, level
MATCH (a:Area {code: $code})
WHERE a.code STARTS WITH $scope OR $scope STARTS WITH a.code
RETURN a.code AS code, a.name AS name, a.level AS level
