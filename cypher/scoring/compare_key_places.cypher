// Comparison with key places (重点场所): same place, a WGS-84 report position within the radius, or an address naming the key place.
// params: ids (dispute ids), scope, radius_m
// returns: dispute_id, place_key, name, kind, match, distance, report_key
UNWIND $ids AS id
MATCH (d:Dispute {id: id})
WHERE d.area_code STARTS WITH $scope
CALL (d) {
  MATCH (d)-[:AT_PLACE]->(kp:KeyPlace)
  RETURN kp, 'place' AS match, null AS distance, null AS report_key
  UNION
  MATCH (r:Report)-[:OF_DISPUTE]->(d)
  WHERE r.coord_type = 'wgs84' AND r.lng IS NOT NULL AND r.lat IS NOT NULL AND r.lng <> 0 AND r.lat <> 0
  WITH r, point({longitude: r.lng, latitude: r.lat}) AS here
  MATCH (kp:Place)
  WHERE point.distance(kp.location, here) <= $radius_m AND kp:KeyPlace
  WITH r, kp, point.distance(kp.location, here) AS distance
  RETURN kp, 'distance' AS match, distance, r.key AS report_key
  UNION
  MATCH (r:Report)-[:OF_DISPUTE]->(d)
  WHERE r.address IS NOT NULL AND d.district_code IS NOT NULL
  MATCH (kp:KeyPlace)
  WHERE kp.area_code STARTS WITH d.district_code AND r.address CONTAINS kp.name
  RETURN kp, 'address' AS match, null AS distance, r.key AS report_key
}
RETURN d.id AS dispute_id, kp.key AS place_key, kp.name AS name, kp.kind AS kind, match, distance, report_key
ORDER BY dispute_id, place_key
