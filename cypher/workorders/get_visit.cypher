// One return visit in the caller's jurisdiction.
// params: id, scope
// returns: visit
MATCH (v:Visit {id: $id})
WHERE v.area_code STARTS WITH $scope
RETURN v {.*} AS visit
