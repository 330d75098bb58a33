// Report.key is unique: channel|source_id of one upstream record.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_report_key IF NOT EXISTS FOR (n:Report) REQUIRE n.key IS UNIQUE
