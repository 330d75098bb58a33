// Record lookups of personal data in one batch: who, when, what, from where (idempotent on the entry id).
// scope: none (the audit trail records every caller's lookups whatever their jurisdiction)
// params: rows ({id, at, username, action, target, client, path})
// returns: written
UNWIND $rows AS row
MERGE (e:AuditEntry {id: row.id})
ON CREATE SET e.at = row.at, e.username = row.username, e.action = row.action, e.target = row.target,
              e.client = row.client, e.path = row.path
RETURN count(e) AS written
