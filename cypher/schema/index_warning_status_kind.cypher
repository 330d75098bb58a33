// Range index for warning board.
// params: none; returns: nothing
CREATE INDEX index_warning_status_kind IF NOT EXISTS FOR (n:Warning) ON (n.status, n.kind)
