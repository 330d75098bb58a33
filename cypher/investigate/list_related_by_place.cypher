// Other disputes at the place of a dispute; a busy place contributes only its newest disputes.
// params: id, scope, hub_threshold, hub_recent
// returns: place_key, place_name, degree, dispute
MATCH (d:Dispute {id: $id})-[:AT_PLACE]->(pl:Place)
WHERE d.area_code STARTS WITH $scope
WITH d, pl, COUNT { (pl)<-[:AT_PLACE]-(x:Dispute) WHERE x.area_code STARTS WITH $scope } AS degree
CALL (d, pl, degree) {
  MATCH (pl)<-[:AT_PLACE]-(o:Dispute)
  WHERE o <> d AND o.area_code STARTS WITH $scope
  WITH o ORDER BY o.occurred_at DESC
  WITH CASE WHEN degree > $hub_threshold THEN $hub_recent ELSE $hub_threshold END AS cap,
       collect(o) AS found
  WITH found[..cap] AS picked
  UNWIND picked AS o
  RETURN o
}
RETURN pl.key AS place_key, coalesce(pl.name, pl.key) AS place_name, degree,
       o { .id, .case_code, .title, .category, .status, .occurred_at, .area_code, .community_code, .channels,
           .report_count, .keywords, .resolution_outcome, .mediation_notes } AS dispute
