// Range index for key places of an area (address comparison in risk scoring).
// params: none; returns: nothing
CREATE INDEX index_place_area_code IF NOT EXISTS FOR (n:Place) ON (n.area_code)
