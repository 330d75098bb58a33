// Disable a user: their tokens stop working at the next request.
// scope: none (user administration by an administrator)
// params: username, now
// returns: username
MATCH (u:User {username: $username})
SET u.disabled = true, u.disabled_at = $now
RETURN u.username AS username
