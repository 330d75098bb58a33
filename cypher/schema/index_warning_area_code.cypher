// Range index for scope filters.
// params: none; returns: nothing
CREATE INDEX index_warning_area_code IF NOT EXISTS FOR (n:Warning) ON (n.area_code)
