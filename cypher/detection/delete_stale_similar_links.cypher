// Remove similarity links of re-examined disputes that the rule no longer supports (a record was corrected).
// params: rows ({id, keep (ids still similar)}), scope
// returns: deleted
UNWIND $rows AS row
MATCH (d:Dispute {id: row.id})-[s:SIMILAR_TO]-(o:Dispute)
WHERE d.area_code STARTS WITH $scope AND o.area_code STARTS WITH $scope AND NOT o.id IN row.keep
DELETE s
RETURN count(s) AS deleted
