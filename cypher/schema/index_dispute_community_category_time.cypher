// Range index for repeat detection blocking.
// params: none; returns: nothing
CREATE INDEX index_dispute_community_category_time IF NOT EXISTS FOR (n:Dispute) ON (n.community_code, n.category, n.occurred_at)
