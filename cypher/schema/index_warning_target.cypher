// Range index for the open warning of a target.
// params: none; returns: nothing
CREATE INDEX index_warning_target IF NOT EXISTS FOR (n:Warning) ON (n.kind, n.target_key)
