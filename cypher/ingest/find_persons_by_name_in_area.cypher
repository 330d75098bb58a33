// Persons of exactly this name who are party to a dispute in this community or street (name-in-area linking).
// scope: none (resolution must see every district's persons; nothing is shown to the caller)
// params: rows ({name, area_code}: a community or street code)
// returns: name, area_code, pid, gender, id_number, phones
UNWIND $rows AS row
MATCH (p:Person {name: row.name})-[:PARTY_IN]->(d:Dispute)
WHERE d.community_code = row.area_code OR d.street_code = row.area_code
WITH DISTINCT row, p
OPTIONAL MATCH (p)-[:HAS_ID_NUMBER]->(i:IdNumber)
OPTIONAL MATCH (p)-[:HAS_PHONE]->(ph:Phone)
RETURN row.name AS name, row.area_code AS area_code, p.pid AS pid, p.gender AS gender,
       i.value AS id_number, collect(DISTINCT ph.number) AS phones
