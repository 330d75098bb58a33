// The stored content hash and version of reports, to tell new / unchanged / updated apart.
// scope: none (identity check of records being loaded; returns only hashes)
// params: keys (list of report keys)
// returns: key, content_hash, version, dispute_id
UNWIND $keys AS key
MATCH (r:Report {key: key})
OPTIONAL MATCH (r)-[:OF_DISPUTE]->(d:Dispute)
RETURN key, r.content_hash AS content_hash, r.version AS version, d.id AS dispute_id
