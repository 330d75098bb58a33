// Category.name is unique: dispute category of the taxonomy.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_category_name IF NOT EXISTS FOR (n:Category) REQUIRE n.name IS UNIQUE
