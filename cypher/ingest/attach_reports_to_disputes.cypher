// Attach reports to their dispute and fold the report into the dispute's summary.
// params: rows ({report_key, dispute_id, reason, confidence, channel, reported_at (ISO-8601 text with offset),
//   area_code, keywords, flags}), scope
// returns: attached
UNWIND $rows AS row
WITH row, datetime(row.reported_at) AS reported_at
MATCH (r:Report {key: row.report_key})
MATCH (d:Dispute {id: row.dispute_id})
WHERE d.area_code STARTS WITH $scope OR r.area_code STARTS WITH $scope
MERGE (r)-[link:OF_DISPUTE]->(d)
ON CREATE SET link.reason = row.reason, link.confidence = row.confidence,
              d.report_count = coalesce(d.report_count, 0) + 1
SET d.channels = CASE WHEN row.channel IN coalesce(d.channels, []) THEN d.channels
                      ELSE coalesce(d.channels, []) + row.channel END,
    d.occurred_at = CASE WHEN reported_at < d.occurred_at THEN reported_at ELSE d.occurred_at END,
    d.last_reported_at = CASE WHEN d.last_reported_at IS NULL OR reported_at > d.last_reported_at
                              THEN reported_at ELSE d.last_reported_at END,
    d.keywords = d.keywords + [k IN row.keywords WHERE NOT k IN d.keywords],
    d.flags = d.flags + [f IN row.flags WHERE NOT f IN d.flags]
RETURN count(link) AS attached
