// Party.key is unique: report key|party index: one party as one record names it.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_party_key IF NOT EXISTS FOR (n:Party) REQUIRE n.key IS UNIQUE
