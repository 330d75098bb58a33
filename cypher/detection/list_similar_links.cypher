// The similarity links of the given disputes (either end), for the workbench and for checks.
// params: ids (dispute ids), scope
// returns: source, target, score, reason
UNWIND $ids AS id
MATCH (d:Dispute {id: id})-[s:SIMILAR_TO]-(:Dispute)
WHERE d.area_code STARTS WITH $scope AND startNode(s).area_code STARTS WITH $scope
  AND endNode(s).area_code STARTS WITH $scope
WITH DISTINCT s
RETURN startNode(s).id AS source, endNode(s).id AS target, s.score AS score, s.reason AS reason
ORDER BY source, target
