// Keyword.key is unique: library|word of the keyword libraries.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_keyword_key IF NOT EXISTS FOR (n:Keyword) REQUIRE n.key IS UNIQUE
