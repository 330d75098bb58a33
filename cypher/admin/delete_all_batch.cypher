// Delete up to $limit nodes with their relationships; run until it returns 0 (tests and reset).
// scope: none (wipes the whole database; CLI and tests only)
// params: limit
// returns: deleted
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
