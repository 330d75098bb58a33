// Point index for key places near a report's position (distance comparison in risk scoring).
// params: none; returns: nothing
CREATE POINT INDEX index_place_location IF NOT EXISTS FOR (n:Place) ON (n.location)
