// Link organization parties to Organization nodes keyed by normalised name.
// params: rows ({party_key, org_key, name}), scope
// returns: linked
UNWIND $rows AS row
MATCH (pt:Party {key: row.party_key})<-[:HAS_PARTY]-(r:Report)
WHERE r.area_code STARTS WITH $scope
MERGE (o:Organization {key: row.org_key})
ON CREATE SET o.name = row.name, o.search_text = row.name
MERGE (pt)-[link:RESOLVED_TO]->(o)
SET link.reason = 'organization_name', link.confidence = 1.0
RETURN count(link) AS linked
