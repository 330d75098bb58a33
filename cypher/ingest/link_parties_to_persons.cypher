// Link parties to the persons they resolved to, with the reason and confidence.
// params: rows ({party_key, pid, reason, confidence}), scope
// returns: linked
UNWIND $rows AS row
MATCH (pt:Party {key: row.party_key})<-[:HAS_PARTY]-(r:Report)
WHERE r.area_code STARTS WITH $scope
MATCH (p:Person {pid: row.pid})
OPTIONAL MATCH (pt)-[old:RESOLVED_TO]->()
DELETE old
WITH DISTINCT pt, p, row
MERGE (pt)-[link:RESOLVED_TO]->(p)
SET link.reason = row.reason, link.confidence = row.confidence
RETURN count(link) AS linked
