// Range index for scope filters by area code prefix.
// params: none; returns: nothing
CREATE INDEX index_dispute_area_code IF NOT EXISTS FOR (n:Dispute) ON (n.area_code)
