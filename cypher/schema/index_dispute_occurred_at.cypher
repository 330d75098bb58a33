// Range index for time windows.
// params: none; returns: nothing
CREATE INDEX index_dispute_occurred_at IF NOT EXISTS FOR (n:Dispute) ON (n.occurred_at)
