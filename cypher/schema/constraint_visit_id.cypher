// Visit.id is unique: return visit id.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_visit_id IF NOT EXISTS FOR (n:Visit) REQUIRE n.id IS UNIQUE
