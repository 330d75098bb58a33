// One user by login name, with the password hash, for login and for every authenticated request.
// scope: none (identity lookup of the caller itself; users are not case data)
// params: username
// returns: username, password_hash, role, area_code, disabled, created_at
MATCH (u:User {username: $username})
RETURN u.username AS username, u.password_hash AS password_hash, u.role AS role, u.area_code AS area_code,
       coalesce(u.disabled, false) AS disabled, u.created_at AS created_at
