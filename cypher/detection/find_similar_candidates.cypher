// Candidate similar disputes of each probe: same community (index seek), or street-level disputes of its
// street; a probe without a community takes its whole street. Same category group, within the window.
// params: rows ({id, community_code, street_code, categories, start, end}), scope
// returns: probe, id, occurred_at, category, keywords, place_key, area_code, street_code, community_code, grid_code
UNWIND $rows AS row
CALL (row) {
  MATCH (c:Dispute)
  WHERE c.community_code = row.community_code AND c.category IN row.categories
    AND c.occurred_at >= row.start AND c.occurred_at <= row.end
  RETURN c
  UNION
  MATCH (:Area {code: row.street_code})<-[:IN_AREA]-(c:Dispute)
  WHERE row.community_code IS NOT NULL AND c.category IN row.categories
    AND c.occurred_at >= row.start AND c.occurred_at <= row.end
  RETURN c
  UNION
  MATCH (c:Dispute)
  WHERE row.community_code IS NULL AND c.street_code = row.street_code AND c.category IN row.categories
    AND c.occurred_at >= row.start AND c.occurred_at <= row.end
  RETURN c
}
WITH row, c
WHERE c.id <> row.id AND c.area_code STARTS WITH $scope
RETURN row.id AS probe, c.id AS id, c.occurred_at AS occurred_at, c.category AS category,
       coalesce(c.keywords, []) AS keywords, c.place_key AS place_key, c.area_code AS area_code,
       c.street_code AS street_code, c.community_code AS community_code, c.grid_code AS grid_code
