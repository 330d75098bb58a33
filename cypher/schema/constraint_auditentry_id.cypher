// AuditEntry.id is unique: audit log entry id.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_auditentry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE
