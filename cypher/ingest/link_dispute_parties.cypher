// Summarise who is party to a dispute, with every role they had in its reports.
// Organizations named only in the text are created here (role 涉事单位).
// params: rows ({dispute_id, node_key, kind ('person'|'organization'), role}), scope
// returns: linked
UNWIND $rows AS row
MATCH (d:Dispute {id: row.dispute_id})
WHERE d.area_code STARTS WITH $scope
CALL (d, row) {
  MATCH (p:Person {pid: row.node_key}) WHERE row.kind = 'person'
  RETURN p AS node
  UNION
  WITH row WHERE row.kind = 'organization'
  MERGE (o:Organization {key: row.node_key})
  ON CREATE SET o.name = row.node_key, o.search_text = row.node_key
  RETURN o AS node
}
MERGE (node)-[link:PARTY_IN]->(d)
SET link.roles = CASE WHEN row.role IN coalesce(link.roles, []) THEN link.roles
                      ELSE coalesce(link.roles, []) + row.role END
RETURN count(link) AS linked
