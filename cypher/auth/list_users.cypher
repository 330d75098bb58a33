// Every user with role, area and state, by login name (never the password hash).
// scope: none (user administration by an administrator)
// params: none
// returns: username, role, area_code, disabled, created_at
MATCH (u:User)
RETURN u.username AS username, u.role AS role, u.area_code AS area_code,
       coalesce(u.disabled, false) AS disabled, u.created_at AS created_at
ORDER BY username
