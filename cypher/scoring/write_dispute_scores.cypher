// Store each dispute's current risk score, colour and breakdown on the dispute.
// params: rows ({id, score, colour, breakdown_json, rule_version}), scope
// returns: written
UNWIND $rows AS row
MATCH (d:Dispute {id: row.id})
WHERE d.area_code STARTS WITH $scope
SET d.risk_score = row.score, d.risk_colour = row.colour, d.risk_breakdown_json = row.breakdown_json,
    d.risk_rule_version = row.rule_version
RETURN count(d) AS written
