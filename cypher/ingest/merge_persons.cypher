// Create or update resolved persons with their identifiers.
// scope: none (a person is not in one district; visibility is decided through their disputes)
// params: rows ({pid, name, gender, birth_date, id_number, phones, aliases})
// returns: written
UNWIND $rows AS row
MERGE (p:Person {pid: row.pid})
SET p.name = row.name, p.gender = coalesce(row.gender, p.gender),
    p.birth_date = coalesce(row.birth_date, p.birth_date), p.aliases = row.aliases,
    p.search_text = row.search_text
FOREACH (value IN CASE WHEN row.id_number IS NULL THEN [] ELSE [row.id_number] END |
  MERGE (i:IdNumber {value: value})
  ON CREATE SET i.valid = true
  MERGE (p)-[:HAS_ID_NUMBER]->(i))
FOREACH (number IN row.phones |
  MERGE (ph:Phone {number: number})
  MERGE (p)-[:HAS_PHONE]->(ph))
RETURN count(p) AS written
