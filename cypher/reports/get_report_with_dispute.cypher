// One report with its parties, earlier versions and the dispute it belongs to.
// params: key, scope
// returns: report, parties, versions, dispute, merge_reason, area
MATCH (r:Report {key: $key})
WHERE r.area_code STARTS WITH $scope
OPTIONAL MATCH (r)-[link:OF_DISPUTE]->(d:Dispute)
OPTIONAL MATCH (r)-[:IN_AREA]->(a:Area)
CALL (r) {
  OPTIONAL MATCH (r)-[h:HAS_PARTY]->(p:Party)
  OPTIONAL MATCH (p)-[res:RESOLVED_TO]->(who)
  WITH h, p, res, who ORDER BY h.index
  RETURN collect(CASE WHEN p IS NULL THEN NULL ELSE p {
    .name, .role, .id_number_given, .id_number_valid, .id_number_problem, .phone_given, .phone, .age,
    .occupation, .prior_record, .is_organization, index: h.index,
    resolved_to: coalesce(who.pid, who.key), resolved_name: who.name, reason: res.reason,
    confidence: res.confidence } END) AS parties
}
CALL (r) {
  OPTIONAL MATCH (r)-[:PREVIOUS_VERSION]->(v:ReportVersion)
  WITH v ORDER BY v.version
  RETURN collect(CASE WHEN v IS NULL THEN NULL ELSE v { .key, .version, .title, .text, .replaced_at } END) AS versions
}
RETURN r { .*, elements_json: null } AS report, r.elements_json AS elements_json, parties, versions,
       CASE WHEN d IS NULL THEN NULL ELSE d { .id, .case_code, .category, .title, .status, .report_count,
                                              .channels, .occurred_at, .area_code } END AS dispute,
       link.reason AS merge_reason, a { .code, .name, .level } AS area
