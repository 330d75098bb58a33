// Record the answer of a return visit that is still to be done.
// params: id, scope, props
// returns: id
MATCH (v:Visit {id: $id})
WHERE v.area_code STARTS WITH $scope AND v.status = '待回访'
SET v += $props
RETURN v.id AS id
