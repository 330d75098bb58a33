// Quarantine.key is unique: Q- and a hash of the channel, file, line and payload of an unreadable record.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_quarantine_key IF NOT EXISTS FOR (n:Quarantine) REQUIRE n.key IS UNIQUE
