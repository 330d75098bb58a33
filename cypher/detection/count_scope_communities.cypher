// How many communities the caller's scope holds (the city-wide prior is spread over them).
// params: scope
// returns: communities
MATCH (a:Community)
WHERE a.code STARTS WITH $scope
RETURN count(a) AS communities
