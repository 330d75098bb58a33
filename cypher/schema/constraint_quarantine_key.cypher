// Quarantine.key is unique: channel|file|line|payload hash of an unreadable record.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_quarantine_key IF NOT EXISTS FOR (n:Quarantine) REQUIRE n.key IS UNIQUE
