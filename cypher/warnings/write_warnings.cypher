// Create or update warnings (one per kind and target) and point each at its target.
// params: rows ({id, props, target_label, target_key}), scope
// returns: written
UNWIND $rows AS row
WITH row WHERE row.props.area_code STARTS WITH $scope
MERGE (w:Warning {id: row.id})
SET w += row.props
WITH w, row
CALL (w, row) {
  CALL (row) {
    MATCH (t:Dispute {id: row.target_key}) WHERE row.target_label = 'Dispute' RETURN t
    UNION
    MATCH (t:Person {pid: row.target_key}) WHERE row.target_label = 'Person' RETURN t
    UNION
    MATCH (t:Organization {key: row.target_key}) WHERE row.target_label = 'Organization' RETURN t
    UNION
    MATCH (t:Area {code: row.target_key}) WHERE row.target_label = 'Area' RETURN t
    UNION
    MATCH (t:Place {key: row.target_key}) WHERE row.target_label = 'Place' RETURN t
  }
  MERGE (w)-[:ABOUT]->(t)
}
RETURN count(w) AS written
