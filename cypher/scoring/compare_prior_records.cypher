// Comparison with police prior-record flags: a party resolved to a dispute's person flagged QKBS=1 in a report of the dispute or earlier.
// params: ids (dispute ids), scope
// returns: dispute_id, pid, name, party_key, report_key, channel, source_id, reported_at
UNWIND $ids AS id
MATCH (d:Dispute {id: id})<-[:PARTY_IN]-(p:Person)<-[:RESOLVED_TO]-(pt:Party)<-[:HAS_PARTY]-(r:Report)
WHERE d.area_code STARTS WITH $scope AND pt.prior_record = true AND r.reported_at <= d.last_reported_at
WITH d, p, pt, r ORDER BY r.reported_at DESC, pt.key
WITH d, p, head(collect({party_key: pt.key, report_key: r.key, channel: r.channel, source_id: r.source_id,
                         reported_at: r.reported_at})) AS latest
RETURN d.id AS dispute_id, p.pid AS pid, p.name AS name, latest.party_key AS party_key,
       latest.report_key AS report_key, latest.channel AS channel, latest.source_id AS source_id,
       latest.reported_at AS reported_at
ORDER BY dispute_id, pid
