// Every warning with what a person sees of it and its evidence links, and every routed dispute, for the
// benchmark's check that a faster pass writes the same warnings (times of writing left out).
// scope: none (benchmark check over its own synthetic graph; never called by the service)
// params: none
// returns: id, kind, target_key, status, colour, score, title, reasons, area_code, as_of, figures_json, evidence_json, events, evidence
MATCH (w:Warning)
RETURN w.id AS id, w.kind AS kind, w.target_key AS target_key, w.status AS status, w.colour AS colour,
       w.score AS score, w.title AS title, w.reasons AS reasons, w.area_code AS area_code,
       toString(w.as_of) AS as_of, w.figures_json AS figures_json, w.evidence_json AS evidence_json,
       w.history_json AS events,
       COLLECT {
         MATCH (w)-[e:EVIDENCE]->(n)
         RETURN [labels(n)[0], coalesce(n.id, n.pid, n.key, n.code), e.factor, e.points, e.detail] AS item
         ORDER BY item[1], item[2]
       } AS evidence
ORDER BY id
