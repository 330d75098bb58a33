// Warning.id is unique: warning id.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_warning_id IF NOT EXISTS FOR (n:Warning) REQUIRE n.id IS UNIQUE
