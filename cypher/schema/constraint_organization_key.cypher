// Organization.key is unique: normalised organization name.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE
