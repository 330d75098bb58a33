// Range index for open cases.
// params: none; returns: nothing
CREATE INDEX index_dispute_status IF NOT EXISTS FOR (n:Dispute) ON (n.status)
