// Range index for overdue supervision.
// params: none; returns: nothing
CREATE INDEX index_workorder_status_due IF NOT EXISTS FOR (n:WorkOrder) ON (n.status, n.due_at)
