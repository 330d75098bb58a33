// Schedule return visits (回访) of a case; a visit already scheduled under the same id is left as it is.
// params: rows ({id, dispute_id, props}), scope
// returns: id
UNWIND $rows AS row
MATCH (d:Dispute {id: row.dispute_id})
WHERE d.area_code STARTS WITH $scope
MERGE (v:Visit {id: row.id})
ON CREATE SET v += row.props, v.dispute_id = d.id, v.case_code = d.case_code, v.area_code = d.area_code
MERGE (v)-[:FOR_DISPUTE]->(d)
RETURN v.id AS id
