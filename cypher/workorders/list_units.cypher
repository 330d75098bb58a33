// Handling units visible to a caller: inside the jurisdiction or above it (a street sees its district's units).
// params: scope, kind (or null)
// returns: code, name, kind, level, area_code, sectors
MATCH (u:Unit)
WHERE (u.area_code STARTS WITH $scope OR $scope STARTS WITH u.area_code)
  AND ($kind IS NULL OR u.kind = $kind)
RETURN u.code AS code, u.name AS name, u.kind AS kind, u.level AS level, u.area_code AS area_code,
       coalesce(u.sectors, []) AS sectors
ORDER BY u.area_code, u.code
