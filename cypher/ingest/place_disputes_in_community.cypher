// Place a dispute known only to its district or street in a community when everything says which one: the
// communities of its own reports and of the other disputes at its building-level place, inside its area, are one.
// A 12345 caller names 康桥珠江佳苑1号楼 and the district; the grid worker, 110 and the QR clue about that building
// place it in 友谊社区. Run for a batch's disputes, both ways: a coarse dispute of the batch is placed by earlier
// ones, and a placed dispute of the batch places the coarse disputes at its building loaded before it.
// Two communities (two estates of one name in a district) place nothing.
// params: ids (the batch's dispute ids), pattern (Java regex a building-level place key matches in full), scope
// returns: id, community_code (each dispute placed)
UNWIND $ids AS id
MATCH (n:Dispute {id: id})
WHERE n.area_code STARTS WITH $scope
CALL (n) {
  WITH n WHERE n.community_code IS NULL
  RETURN n AS c
  UNION
  MATCH (n)-[:AT_PLACE]->(pl:Place)<-[:AT_PLACE]-(c:Dispute)
  WHERE c.community_code IS NULL AND pl.key =~ $pattern
  RETURN c
}
WITH DISTINCT c
WHERE c.area_code STARTS WITH $scope
CALL (c) {
  MATCH (c)<-[:OF_DISPUTE]-(r:Report)
  WHERE r.community_code IS NOT NULL
  RETURN r.community_code AS code, r.street_code AS street
  UNION
  MATCH (c)-[:AT_PLACE]->(pl:Place)<-[:AT_PLACE]-(d:Dispute)
  WHERE pl.key =~ $pattern AND d.community_code IS NOT NULL
  RETURN d.community_code AS code, d.street_code AS street
}
WITH c, code, street
WHERE code STARTS WITH c.area_code
WITH c, collect(DISTINCT code) AS codes, collect(DISTINCT street) AS streets
WHERE size(codes) = 1
MATCH (a:Area {code: codes[0]})
CALL (c) {
  MATCH (c)-[old:IN_AREA]->()
  DELETE old
}
MERGE (c)-[:IN_AREA]->(a)
SET c.area_code = a.code, c.community_code = a.code, c.street_code = streets[0], c.area_method = 'place'
RETURN c.id AS id, a.code AS community_code
