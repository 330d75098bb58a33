// ReportVersion.key is unique: report key#version of a superseded record.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_reportversion_key IF NOT EXISTS FOR (n:ReportVersion) REQUIRE n.key IS UNIQUE
