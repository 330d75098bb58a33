// Every constraint in the database with its label and properties.
// scope: none (schema metadata)
// params: none
// returns: name, label, properties
SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties
RETURN name, labelsOrTypes[0] AS label, properties
