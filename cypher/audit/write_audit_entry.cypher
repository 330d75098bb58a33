// Record one lookup of personal data: who, when, what, from where.
// scope: none (the audit trail records every caller's lookups whatever their jurisdiction)
// params: id, at, username, action, target, client, path
// returns: id
MERGE (e:AuditEntry {id: $id})
ON CREATE SET e.at = $at, e.username = $username, e.action = $action, e.target = $target,
              e.client = $client, e.path = $path
RETURN e.id AS id
