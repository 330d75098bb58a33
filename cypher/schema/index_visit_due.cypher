// Range index for visits due.
// params: none; returns: nothing
CREATE INDEX index_visit_due IF NOT EXISTS FOR (n:Visit) ON (n.status, n.due_at)
