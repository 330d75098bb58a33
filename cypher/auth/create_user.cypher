// Create a user unless the login name exists; an existing user is left as it is.
// scope: none (user administration by an administrator or the service's bootstrap)
// params: username, password_hash, role, area_code, now
// returns: username, created
MERGE (u:User {username: $username})
ON CREATE SET u.password_hash = $password_hash, u.role = $role, u.area_code = $area_code,
              u.disabled = false, u.created_at = $now
RETURN u.username AS username, u.created_at = $now AS created
