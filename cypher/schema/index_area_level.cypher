// Range index for areas by level.
// params: none; returns: nothing
CREATE INDEX index_area_level IF NOT EXISTS FOR (n:Area) ON (n.level)
