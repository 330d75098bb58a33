// Persons already known by a valid ID number or a phone, for entity resolution.
// scope: none (resolution must see persons of every district; nothing is shown to the caller)
// params: id_numbers (list), phones (list)
// returns: pid, name, aliases, gender, id_number, phones
CALL () {
  UNWIND $id_numbers AS value
  MATCH (:IdNumber {value: value})<-[:HAS_ID_NUMBER]-(p:Person)
  RETURN p
  UNION
  UNWIND $phones AS number
  MATCH (:Phone {number: number})<-[:HAS_PHONE]-(p:Person)
  RETURN p
}
WITH DISTINCT p
OPTIONAL MATCH (p)-[:HAS_ID_NUMBER]->(i:IdNumber)
OPTIONAL MATCH (p)-[:HAS_PHONE]->(ph:Phone)
RETURN p.pid AS pid, p.name AS name, coalesce(p.aliases, []) AS aliases, p.gender AS gender, i.value AS id_number,
       collect(DISTINCT ph.number) AS phones
