// Range index for the key places (重点场所) of an area: risk scoring compares a report's address with the key
// places of its district, which are a small part of the district's places.
// params: none; returns: nothing
CREATE INDEX index_keyplace_area_code IF NOT EXISTS FOR (n:KeyPlace) ON (n.area_code)
