// Unit.code is unique: handling unit code.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_unit_code IF NOT EXISTS FOR (n:Unit) REQUIRE n.code IS UNIQUE
