// The recognised elements (JSON) of every report of the given disputes: organizations named in the text.
// params: ids (dispute ids), scope
// returns: dispute_id, report_key, elements_json
UNWIND $ids AS id
MATCH (r:Report)-[:OF_DISPUTE]->(d:Dispute {id: id})
WHERE d.area_code STARTS WITH $scope AND r.elements_json IS NOT NULL
RETURN d.id AS dispute_id, r.key AS report_key, r.elements_json AS elements_json
