// API benchmark fixture: persons with their phones and ID numbers, written directly (not through ingest).
// scope: none (benchmark fixture; never called by the service)
// params: rows ({pid, name, phones ([number]), id_numbers ([value])})
// returns: written
UNWIND $rows AS row
MERGE (p:Person {pid: row.pid})
SET p.name = row.name
WITH p, row
CALL (p, row) {
  UNWIND row.phones AS number
  MERGE (ph:Phone {number: number})
  MERGE (p)-[:HAS_PHONE]->(ph)
}
CALL (p, row) {
  UNWIND row.id_numbers AS value
  MERGE (i:IdNumber {value: value})
  MERGE (p)-[:HAS_ID_NUMBER]->(i)
}
RETURN count(p) AS written
