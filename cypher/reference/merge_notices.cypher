// Load notices already sent (工作提示函 / 风险警示函), linked to the person they concern.
// scope: none (reference data: the centre's risk database)
// params: rows ({code, issued_at, name, id_number, id_valid, reason, issuer, receiver, kind, pid})
// returns: written
UNWIND $rows AS row
MERGE (n:Notice {code: row.code})
SET n.issued_at = row.issued_at, n.name = row.name, n.id_number = row.id_number, n.reason = row.reason,
    n.issuer = row.issuer, n.receiver = row.receiver, n.kind = row.kind, n.area_code = coalesce(n.area_code, '')
WITH n, row
CALL (n, row) {
  WITH n, row WHERE row.id_valid
  MERGE (i:IdNumber {value: row.id_number})
  ON CREATE SET i.valid = true
  WITH n, row, i
  OPTIONAL MATCH (i)<-[:HAS_ID_NUMBER]-(known:Person)
  WITH n, row, i, head(collect(known)) AS known
  CALL (row, i, known) {
    WITH row, i, known WHERE known IS NULL
    MERGE (p:Person {pid: row.pid})
    ON CREATE SET p.name = row.name, p.search_text = row.name + ' ' + row.id_number, p.aliases = []
    MERGE (p)-[:HAS_ID_NUMBER]->(i)
  }
  MATCH (i)<-[:HAS_ID_NUMBER]-(p:Person)
  MERGE (n)-[:ABOUT]->(p)
}
RETURN count(n) AS written
