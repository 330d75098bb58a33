// Remove the evidence links of warnings whose evidence is about to be written anew.
// params: ids (warning ids), scope
// returns: deleted
UNWIND $ids AS id
MATCH (w:Warning {id: id})-[e:EVIDENCE]->()
WHERE w.area_code STARTS WITH $scope
DELETE e
RETURN count(*) AS deleted
