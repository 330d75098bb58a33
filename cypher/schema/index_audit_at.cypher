// Range index for audit queries by time.
// params: none; returns: nothing
CREATE INDEX index_audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at)
