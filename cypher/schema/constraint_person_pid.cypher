// Person.pid is unique: resolved person id.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_person_pid IF NOT EXISTS FOR (n:Person) REQUIRE n.pid IS UNIQUE
