// Area.code is unique: area code (district 6, street 9, community 12, grid 15 digits).
// params: none; returns: nothing
CREATE CONSTRAINT constraint_area_code IF NOT EXISTS FOR (n:Area) REQUIRE n.code IS UNIQUE
