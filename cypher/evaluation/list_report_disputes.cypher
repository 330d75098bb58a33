// Every report with its dispute, for incident-merge evaluation against ground truth.
// scope: none (evaluation over a whole generated data set; administrators and tests only)
// params: none
// returns: report_key, dispute_id
MATCH (r:Report)-[:OF_DISPUTE]->(d:Dispute)
RETURN r.key AS report_key, d.id AS dispute_id
