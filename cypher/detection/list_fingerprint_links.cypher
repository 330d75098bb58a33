// Every SIMILAR_TO link with its properties, for the benchmark's check that a faster pass links the same pairs.
// scope: none (benchmark check over its own synthetic graph; never called by the service)
// params: none
// returns: source, target, score, reason, rule_version
MATCH (a:Dispute)-[s:SIMILAR_TO]->(b:Dispute)
RETURN a.id AS source, b.id AS target, s.score AS score, s.reason AS reason, s.rule_version AS rule_version
ORDER BY source, target
