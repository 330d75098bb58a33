// Load key-person entries (重点人员) and mark the person they name, by valid ID number.
// scope: none (reference data: the centre's risk database)
// params: rows ({key, name, id_number, id_valid, birth_date, gender, category, control_level, address, record, listed_at, pid})
// returns: written
UNWIND $rows AS row
MERGE (e:KeyPersonEntry {key: row.key})
SET e.name = row.name, e.id_number = row.id_number, e.id_valid = row.id_valid, e.birth_date = row.birth_date,
    e.category = row.category, e.control_level = row.control_level, e.address = row.address,
    e.record = row.record, e.listed_at = row.listed_at, e.active = true
WITH e, row
CALL (e, row) {
  WITH e, row WHERE row.id_valid
  MERGE (i:IdNumber {value: row.id_number})
  ON CREATE SET i.valid = true
  WITH e, row, i
  OPTIONAL MATCH (i)<-[:HAS_ID_NUMBER]-(known:Person)
  WITH e, row, i, head(collect(known)) AS known
  CALL (row, i, known) {
    WITH row, i, known WHERE known IS NULL
    MERGE (p:Person {pid: row.pid})
    ON CREATE SET p.name = row.name, p.gender = row.gender, p.birth_date = row.birth_date,
                  p.search_text = row.name + ' ' + row.id_number, p.aliases = []
    MERGE (p)-[:HAS_ID_NUMBER]->(i)
  }
  MATCH (i)<-[:HAS_ID_NUMBER]-(p:Person)
  SET p:KeyPerson, p.key_category = row.category, p.control_level = row.control_level
  MERGE (p)-[link:LISTED_AS]->(e)
  SET link.match = 'id_number'
}
RETURN count(e) AS written
