// Replace a user's password hash (the bootstrap administrator follows its configured password).
// scope: none (user administration by the service's bootstrap)
// params: username, password_hash, now
// returns: username
MATCH (u:User {username: $username})
SET u.password_hash = $password_hash, u.password_changed_at = $now
RETURN u.username AS username
