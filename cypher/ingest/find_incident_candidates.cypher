// Disputes that a new report may describe again: same person, same phone or same place, in the window.
// scope: none (an incident reported in two districts is still one incident; only ids are returned)
// params: rows ({key, pids, phones, place_key, start, end (ISO-8601 text with offset)})
// returns: key, dispute_id, occurred_ms (epoch milliseconds: far cheaper for the driver than a datetime),
//   category, keywords, place_key, community_code, channels, via, shared
UNWIND $rows AS row
WITH row, datetime(row.start) AS window_start, datetime(row.end) AS window_end
CALL (row, window_start, window_end) {
  UNWIND row.pids AS pid
  MATCH (:Person {pid: pid})-[:PARTY_IN]->(d:Dispute)
  WHERE d.occurred_at >= window_start AND d.occurred_at <= window_end
  RETURN d, 'person' AS via, pid AS shared
  UNION ALL
  UNWIND row.phones AS number
  MATCH (:Phone {number: number})<-[:CONTACT_PHONE|HAS_PHONE]-()-[:OF_DISPUTE|PARTY_IN]->(d:Dispute)
  WHERE d.occurred_at >= window_start AND d.occurred_at <= window_end
  RETURN d, 'phone' AS via, number AS shared
  UNION ALL
  MATCH (:Place {key: row.place_key})<-[:AT_PLACE]-(d:Dispute)
  WHERE d.occurred_at >= window_start AND d.occurred_at <= window_end
  RETURN d, 'place' AS via, row.place_key AS shared
}
RETURN row.key AS key, d.id AS dispute_id, d.occurred_at.epochMillis AS occurred_ms, d.category AS category,
       d.keywords AS keywords, d.place_key AS place_key, d.community_code AS community_code, d.channels AS channels,
       via, shared
