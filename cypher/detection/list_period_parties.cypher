// The persons and organizations party to the disputes of a period, each once (the targets of a full pass). With
// persons_with_records only the persons with a key-person entry, police flag or notice (see list_persons_with_records).
// params: start, end, persons_with_records, scope
// returns: kind ('person'|'organization'), key
MATCH (d:Dispute)
WHERE d.occurred_at >= $start AND d.occurred_at <= $end AND d.area_code STARTS WITH $scope
MATCH (n)-[:PARTY_IN]->(d)
WHERE n:Person OR n:Organization
WITH DISTINCT n
WHERE n:Organization OR NOT $persons_with_records
   OR EXISTS { MATCH (n)-[:LISTED_AS]->(k:KeyPersonEntry) WHERE coalesce(k.active, true) }
   OR EXISTS { MATCH (n)<-[:RESOLVED_TO]-(pt:Party)<-[:HAS_PARTY]-(:Report) WHERE pt.prior_record = true }
   OR EXISTS { MATCH (:Notice)-[:ABOUT]->(n) }
RETURN CASE WHEN n:Person THEN 'person' ELSE 'organization' END AS kind, coalesce(n.pid, n.key) AS key
