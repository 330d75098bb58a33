// Close a case (销号) with its outcome, mediation agreement and notes; a closed case is left as it is.
// params: id, scope, props ({status, resolution_outcome, mediation_agreement, mediation_notes, closed_at, closed_by_unit, closed_by, closed_colour})
// returns: id
MATCH (d:Dispute {id: $id})
WHERE d.area_code STARTS WITH $scope AND coalesce(d.status, 'open') <> 'closed'
SET d += $props
RETURN d.id AS id
