// The stored content hash and version of reports, with the hashes of their earlier versions, to tell new /
// unchanged / updated apart (content equal to an earlier version is a replay, not an update).
// scope: none (identity check of records being loaded; returns only hashes)
// params: keys (list of report keys)
// returns: key, content_hash, version, dispute_id, earlier_hashes
UNWIND $keys AS key
MATCH (r:Report {key: key})
OPTIONAL MATCH (r)-[:OF_DISPUTE]->(d:Dispute)
RETURN key, r.content_hash AS content_hash, r.version AS version, d.id AS dispute_id,
       [(r)-[:PREVIOUS_VERSION]->(v:ReportVersion) | v.content_hash] AS earlier_hashes
