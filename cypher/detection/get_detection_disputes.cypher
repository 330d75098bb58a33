// The facts detection needs of the given disputes.
// params: ids (dispute ids), scope
// returns: id, occurred_at, category, keywords, place_key, area_code, street_code, community_code, grid_code
UNWIND $ids AS id
MATCH (d:Dispute {id: id})
WHERE d.area_code STARTS WITH $scope AND d.occurred_at IS NOT NULL
RETURN d.id AS id, d.occurred_at AS occurred_at, d.category AS category, coalesce(d.keywords, []) AS keywords,
       d.place_key AS place_key, d.area_code AS area_code, d.street_code AS street_code,
       d.community_code AS community_code, d.grid_code AS grid_code
