// Link reports to a contact phone that names no person (QR clues).
// params: rows ({report_key, phone}), scope
// returns: linked
UNWIND $rows AS row
MATCH (r:Report {key: row.report_key})
WHERE r.area_code STARTS WITH $scope
MERGE (ph:Phone {number: row.phone})
MERGE (r)-[:CONTACT_PHONE]->(ph)
RETURN count(*) AS linked
