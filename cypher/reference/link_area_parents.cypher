// Link every area to its parent (PART_OF), replacing a changed parent.
// scope: none (reference data: the area hierarchy)
// params: rows ({code, parent})
// returns: linked
UNWIND $rows AS row
MATCH (a:Area {code: row.code})
OPTIONAL MATCH (a)-[old:PART_OF]->()
DELETE old
WITH DISTINCT a, row
MATCH (p:Area {code: row.parent})
MERGE (a)-[:PART_OF]->(p)
RETURN count(a) AS linked
