// Range index for incident merge candidates.
// params: none; returns: nothing
CREATE INDEX index_report_area_reported_at IF NOT EXISTS FOR (n:Report) ON (n.community_code, n.reported_at)
