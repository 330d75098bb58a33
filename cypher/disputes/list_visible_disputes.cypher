// Which of these case codes and dispute ids name disputes inside the caller's jurisdiction.
// Others quoted in an answer's text (a person's earlier disputes elsewhere) are redacted.
// params: refs (case codes and dispute ids), scope
// returns: ref
UNWIND $refs AS ref
MATCH (d:Dispute)
WHERE (d.case_code = ref OR d.id = ref) AND d.area_code STARTS WITH $scope
RETURN ref
