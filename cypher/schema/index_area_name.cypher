// Range index for gazetteer lookups by name.
// params: none; returns: nothing
CREATE INDEX index_area_name IF NOT EXISTS FOR (n:Area) ON (n.name)
