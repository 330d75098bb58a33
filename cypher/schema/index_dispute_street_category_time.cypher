// Range index for similarity blocking of disputes without a community (their street is the block).
// params: none; returns: nothing
CREATE INDEX index_dispute_street_category_time IF NOT EXISTS FOR (n:Dispute) ON (n.street_code, n.category, n.occurred_at)
