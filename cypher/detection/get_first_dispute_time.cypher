// When the recorded history of the scope begins (the surge history may be shorter than configured).
// params: scope
// returns: first
MATCH (d:Dispute)
WHERE d.occurred_at IS NOT NULL AND d.area_code STARTS WITH $scope
RETURN d.occurred_at AS first
ORDER BY d.occurred_at
LIMIT 1
