// Open detection warnings with what they are about, for evaluation against planted ground truth.
// scope: none (evaluation over a whole generated data set; administrators and tests only)
// params: kinds
// returns: id, kind, colour, target_label, target_key, id_number, name
MATCH (w:Warning)-[:ABOUT]->(t)
WHERE w.kind IN $kinds AND w.status <> 'closed'
OPTIONAL MATCH (t)-[:HAS_ID_NUMBER]->(i:IdNumber)
RETURN w.id AS id, w.kind AS kind, w.colour AS colour, labels(t)[0] AS target_label,
       coalesce(t.code, t.key, t.pid) AS target_key, i.value AS id_number, t.name AS name
