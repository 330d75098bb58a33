// KeyPersonEntry.key is unique: ID number or name|birth date of a key-person list entry.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_keypersonentry_key IF NOT EXISTS FOR (n:KeyPersonEntry) REQUIRE n.key IS UNIQUE
