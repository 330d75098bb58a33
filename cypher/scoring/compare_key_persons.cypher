// Comparison with the key-person list (重点人员): parties listed by ID number, or by name and birth date for entries without a valid ID.
// params: ids (dispute ids), scope
// returns: dispute_id, pid, name, entry_key, category, control_level, record, match
UNWIND $ids AS id
MATCH (d:Dispute {id: id})<-[:PARTY_IN]-(p:Person)
WHERE d.area_code STARTS WITH $scope
CALL (p) {
  MATCH (p)-[listed:LISTED_AS]->(e:KeyPersonEntry)
  WHERE coalesce(e.active, true)
  RETURN e, coalesce(listed.match, 'id_number') AS match
  UNION
  MATCH (e:KeyPersonEntry {name: p.name})
  WHERE coalesce(e.active, true) AND NOT coalesce(e.id_valid, false) AND e.birth_date IS NOT NULL
    AND p.birth_date IS NOT NULL AND toString(e.birth_date) = toString(p.birth_date)
  RETURN e, 'name_birth' AS match
}
RETURN DISTINCT d.id AS dispute_id, p.pid AS pid, p.name AS name, e.key AS entry_key, e.category AS category,
       e.control_level AS control_level, e.record AS record, match
ORDER BY dispute_id, pid, entry_key
