// Wait until every index is online (after the schema is applied).
// scope: none (schema metadata)
// params: seconds
// returns: nothing
CALL db.awaitIndexes($seconds)
