// A person's events: reports of their disputes, notices, warnings and key-person listing (each branch newest first, capped).
// params: pid, scope, limit
// returns: at, kind, key, dispute_id, title, channel, roles, area_code
MATCH (p:Person {pid: $pid})
CALL (p) {
  MATCH (p)-[link:PARTY_IN]->(d:Dispute)<-[:OF_DISPUTE]-(r:Report)
  WHERE d.area_code STARTS WITH $scope AND r.area_code STARTS WITH $scope
  WITH r, d, link ORDER BY r.reported_at DESC LIMIT $limit
  RETURN r.reported_at AS at, 'report' AS kind, r.key AS key, d.id AS dispute_id,
         CASE WHEN coalesce(r.title, '') = '' THEN left(r.text, 40) ELSE r.title END AS title,
         r.channel AS channel, link.roles AS roles, r.area_code AS area_code
  UNION
  MATCH (n:Notice)-[:ABOUT]->(p)
  WITH n ORDER BY n.issued_at DESC LIMIT $limit
  RETURN n.issued_at AS at, 'notice' AS kind, n.code AS key, null AS dispute_id,
         coalesce(n.kind, '提示函') + '：' + coalesce(n.reason, '') AS title, null AS channel, [] AS roles,
         null AS area_code
  UNION
  MATCH (w:Warning)-[:ABOUT]->(p)
  WHERE w.area_code STARTS WITH $scope
  WITH w ORDER BY w.created_at DESC LIMIT $limit
  RETURN w.created_at AS at, 'warning' AS kind, w.id AS key, null AS dispute_id, w.title AS title,
         null AS channel, [] AS roles, w.area_code AS area_code
  UNION
  MATCH (p)-[:LISTED_AS]->(e:KeyPersonEntry)
  RETURN e.listed_at AS at, 'key_person' AS kind, e.key AS key, null AS dispute_id,
         '列入重点人员：' + coalesce(e.category, '') AS title, null AS channel, [] AS roles, null AS area_code
}
RETURN at, kind, key, dispute_id, title, channel, roles, area_code
