// Meta.key is unique: bookkeeping of the service itself (reference data version).
// params: none; returns: nothing
CREATE CONSTRAINT constraint_meta_key IF NOT EXISTS FOR (n:Meta) REQUIRE n.key IS UNIQUE
