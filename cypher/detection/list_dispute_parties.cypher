// The persons and organizations party to the given disputes, each once.
// params: ids (dispute ids), scope
// returns: kind ('person'|'organization'), key
UNWIND $ids AS id
MATCH (n)-[:PARTY_IN]->(d:Dispute {id: id})
WHERE d.area_code STARTS WITH $scope AND (n:Person OR n:Organization)
RETURN DISTINCT CASE WHEN n:Person THEN 'person' ELSE 'organization' END AS kind, coalesce(n.pid, n.key) AS key
