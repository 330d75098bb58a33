// The current state of warnings by id, for upsert to decide between create, update and leave alone.
// scope: none (upsert reads the warnings its drafts name; drafts are checked against the caller's scope before any write)
// params: ids
// returns: id, status, colour, level, level_name, scored_level, score, title, reasons, rule_version, leader, figures_json, evidence_json, history_json, area_code, created_at, updated_at, target_label, target_key
UNWIND $ids AS id
MATCH (w:Warning {id: id})
RETURN w.id AS id, w.status AS status, w.colour AS colour, w.level AS level, w.level_name AS level_name,
       w.scored_level AS scored_level, w.score AS score, w.title AS title,
       w.reasons AS reasons, w.rule_version AS rule_version, w.leader AS leader, w.figures_json AS figures_json,
       w.evidence_json AS evidence_json, w.history_json AS history_json, w.area_code AS area_code,
       w.created_at AS created_at, w.updated_at AS updated_at, w.target_label AS target_label,
       w.target_key AS target_key
