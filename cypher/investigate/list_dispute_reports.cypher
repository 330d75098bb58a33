// The reports of disputes (the same incident reported through several channels) with the merge reason.
// reported_at is ISO-8601 text (cheaper for the driver than a DateTime; parsed by the answer model).
// params: ids (dispute ids), scope
// returns: dispute_id, key, channel, channel_label, source_id, department, reported_at, title, reason, confidence, area_code
UNWIND $ids AS id
MATCH (d:Dispute {id: id})<-[link:OF_DISPUTE]-(r:Report)
WHERE d.area_code STARTS WITH $scope AND r.area_code STARTS WITH $scope
RETURN d.id AS dispute_id, r.key AS key, r.channel AS channel, r.channel_label AS channel_label,
       r.source_id AS source_id, r.department AS department, toString(r.reported_at) AS reported_at, r.title AS title,
       link.reason AS reason, link.confidence AS confidence, r.area_code AS area_code
ORDER BY dispute_id, r.reported_at
