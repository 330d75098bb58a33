// One warning with its target and its evidence links, inside the caller's jurisdiction.
// params: id, scope
// returns: warning, target_labels, target, evidence
MATCH (w:Warning {id: $id})
WHERE w.area_code STARTS WITH $scope
OPTIONAL MATCH (w)-[:ABOUT]->(t)
CALL (w) {
  OPTIONAL MATCH (w)-[e:EVIDENCE]->(n)
  WITH e, n ORDER BY e.points DESC, e.factor
  RETURN collect(CASE WHEN e IS NULL THEN NULL ELSE {
    factor: e.factor, points: e.points, detail: e.detail, labels: labels(n),
    node: n { .id, .pid, .key, .code, .name, .case_code, .title, .category, .word, .library, .kind,
              .channel, .source_id, .reported_at, .issued_at, .occurred_at, .area_code }
  } END) AS evidence
}
RETURN w { .* } AS warning, labels(t) AS target_labels,
       t { .id, .pid, .key, .code, .name, .case_code, .title, .area_code } AS target, evidence
