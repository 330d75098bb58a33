// Comparison with notices already sent (提示函/警示函) about a dispute's parties, issued before the dispute within the notice window.
// params: ids (dispute ids), scope, notice_days
// returns: dispute_id, pid, name, code, issued_at, kind, reason, issuer
UNWIND $ids AS id
MATCH (d:Dispute {id: id})<-[:PARTY_IN]-(p:Person)<-[:ABOUT]-(n:Notice)
WHERE d.area_code STARTS WITH $scope AND n.issued_at IS NOT NULL
  AND date(n.issued_at) <= date(d.occurred_at)
  AND date(n.issued_at) >= date(d.occurred_at) - duration({days: $notice_days})
RETURN DISTINCT d.id AS dispute_id, p.pid AS pid, p.name AS name, n.code AS code, toString(n.issued_at) AS issued_at,
       n.kind AS kind, n.reason AS reason, n.issuer AS issuer
ORDER BY dispute_id, pid, code
