// When the newest dispute in scope was last reported: `caselink score` without --as-of refuses to close every
// warning of a data set that ends before the window.
// params: scope
// returns: latest
MATCH (d:Dispute)
WHERE d.area_code STARTS WITH $scope AND d.last_reported_at IS NOT NULL
RETURN max(d.last_reported_at) AS latest
