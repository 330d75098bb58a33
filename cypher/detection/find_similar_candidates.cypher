// Candidate similar disputes of each probe: same community (index seek), or street-level disputes of its
// street (expanded from the street node, never a time scan); a probe without a community takes its whole street (index seek).
// Same category group, within the window. A null block field makes its branch match nothing. Only candidates
// that share a keyword or the place are returned: no similarity rule can hold without one of them.
// params: rows ({id, community_code, street_area, street_block, categories, start, end, keywords, place_key}), scope
// returns: probe, id, occurred_at, category, keywords, place_key, area_code
UNWIND $rows AS row
CALL (row) {
  MATCH (c:Dispute)
  WHERE c.community_code = row.community_code AND c.category IN row.categories
    AND c.occurred_at >= row.start AND c.occurred_at <= row.end
  RETURN c
  UNION
  MATCH (s:Area {code: row.street_area})
  UNWIND [(s)<-[:IN_AREA]-(c:Dispute) | c] AS c
  WITH row, c
  WHERE c.category IN row.categories AND c.occurred_at >= row.start AND c.occurred_at <= row.end
  RETURN c
  UNION
  MATCH (c:Dispute)
  WHERE c.street_code = row.street_block AND c.category IN row.categories
    AND c.occurred_at >= row.start AND c.occurred_at <= row.end
  RETURN c
}
WITH row, c
WHERE c.id <> row.id AND c.area_code STARTS WITH $scope
  AND (any(k IN c.keywords WHERE k IN row.keywords) OR c.place_key = row.place_key)
RETURN row.id AS probe, c.id AS id, c.occurred_at AS occurred_at, c.category AS category,
       coalesce(c.keywords, []) AS keywords, c.place_key AS place_key, c.area_code AS area_code
