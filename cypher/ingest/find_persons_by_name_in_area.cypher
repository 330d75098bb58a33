// Persons of exactly this name named in a report of this district, with the communities seen.
// scope: none (resolution must see every district's persons; nothing is shown to the caller)
// params: rows ({name, district_code})
// returns: name, district_code, pid, aliases, gender, id_number, phones, communities, coarse
UNWIND $rows AS row
MATCH (p:Person {name: row.name})<-[:RESOLVED_TO]-(:Party)<-[:HAS_PARTY]-(r:Report)
WHERE r.district_code = row.district_code
WITH row, p, collect(DISTINCT r.community_code) AS communities,
     sum(CASE WHEN r.community_code IS NULL THEN 1 ELSE 0 END) > 0 AS coarse
OPTIONAL MATCH (p)-[:HAS_ID_NUMBER]->(i:IdNumber)
OPTIONAL MATCH (p)-[:HAS_PHONE]->(ph:Phone)
RETURN row.name AS name, row.district_code AS district_code, p.pid AS pid,
       coalesce(p.aliases, []) AS aliases, p.gender AS gender,
       i.value AS id_number, collect(DISTINCT ph.number) AS phones, communities, coarse
