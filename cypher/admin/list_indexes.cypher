// Every index in the database with its state.
// scope: none (schema metadata)
// params: none
// returns: name, type, label, properties, state
SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state
RETURN name, type, labelsOrTypes[0] AS label, properties, state
