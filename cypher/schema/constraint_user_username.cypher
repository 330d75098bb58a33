// User.username is unique: login name.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_user_username IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE
