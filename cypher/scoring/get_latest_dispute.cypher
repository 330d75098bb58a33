// When the newest dispute in scope was last reported: `caselink score` and `caselink detect` without --as-of
// refuse to close every warning of a data set that ends before their window (so do the scheduled passes).
// params: scope
// returns: latest
MATCH (d:Dispute)
WHERE d.area_code STARTS WITH $scope AND d.last_reported_at IS NOT NULL
RETURN max(d.last_reported_at) AS latest
