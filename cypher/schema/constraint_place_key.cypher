// Place.key is unique: normalised place (estate + building).
// params: none; returns: nothing
CREATE CONSTRAINT constraint_place_key IF NOT EXISTS FOR (n:Place) REQUIRE n.key IS UNIQUE
