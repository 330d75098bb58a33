// Disputes that a new report may describe again: same person, same phone or same place, in the window.
// scope: none (an incident reported in two districts is still one incident; only ids are returned)
// params: rows ({key, pids, phones, place_key, start, end})
// returns: key, dispute_id, occurred_at, category, keywords, place_key, community_code, channels, via, shared
UNWIND $rows AS row
CALL (row) {
  UNWIND row.pids AS pid
  MATCH (:Person {pid: pid})-[:PARTY_IN]->(d:Dispute)
  WHERE d.occurred_at >= row.start AND d.occurred_at <= row.end
  RETURN d, 'person' AS via, pid AS shared
  UNION
  UNWIND row.phones AS number
  MATCH (:Phone {number: number})<-[:CONTACT_PHONE|HAS_PHONE]-()-[:OF_DISPUTE|PARTY_IN]->(d:Dispute)
  WHERE d.occurred_at >= row.start AND d.occurred_at <= row.end
  RETURN d, 'phone' AS via, number AS shared
  UNION
  MATCH (:Place {key: row.place_key})<-[:AT_PLACE]-(d:Dispute)
  WHERE d.occurred_at >= row.start AND d.occurred_at <= row.end
  RETURN d, 'place' AS via, row.place_key AS shared
}
RETURN row.key AS key, d.id AS dispute_id, d.occurred_at AS occurred_at, d.category AS category,
       d.keywords AS keywords, d.place_key AS place_key, d.community_code AS community_code, d.channels AS channels,
       via, shared
