// The disputes of each similarity block from its start to its end: the community's disputes plus the street-level
// disputes of its street (expanded from the street node, never a time scan), or, for a block without a community,
// the whole street (index seek); one category group. One read per block serves all its probes (app/detection/linking).
// With `probes` given (on arrival), only those and the disputes sharing a keyword or a place with them are returned.
// params: blocks ({key, community_code, street_area, street_block, categories, start, end, probes, keywords, places}), scope
// A full pass (no `probes`) also reads each dispute's link digest and link write counter (linking.link_digests).
// returns: block, id, at (epoch microseconds), category, keywords, place_key, community_code, street_code, grid_code,
//   link_digest, link_writes
UNWIND $blocks AS b
CALL (b) {
  MATCH (c:Dispute)
  WHERE c.community_code = b.community_code AND c.category IN b.categories
    AND c.occurred_at >= b.start AND c.occurred_at <= b.end
  RETURN c
  UNION
  MATCH (s:Area {code: b.street_area})
  UNWIND [(s)<-[:IN_AREA]-(c:Dispute) | c] AS c
  WITH b, c
  WHERE c.category IN b.categories AND c.occurred_at >= b.start AND c.occurred_at <= b.end
  RETURN c
  UNION
  MATCH (c:Dispute)
  WHERE c.street_code = b.street_block AND c.category IN b.categories
    AND c.occurred_at >= b.start AND c.occurred_at <= b.end
  RETURN c
}
WITH b, c
WHERE c.area_code STARTS WITH $scope
  AND (b.probes IS NULL OR c.id IN b.probes OR any(k IN c.keywords WHERE k IN b.keywords) OR c.place_key IN b.places)
RETURN b.key AS block, c.id AS id, c.occurred_at.epochSeconds * 1000000 + c.occurred_at.microsecond AS at,
       c.category AS category, coalesce(c.keywords, []) AS keywords, c.place_key AS place_key,
       c.community_code AS community_code, c.street_code AS street_code, c.grid_code AS grid_code,
       CASE WHEN b.probes IS NULL THEN c.link_digest END AS link_digest,
       CASE WHEN b.probes IS NULL THEN coalesce(c.link_writes, 0) END AS link_writes
