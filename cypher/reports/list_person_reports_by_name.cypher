// Reports in which a person of this name is a party, with how each party was resolved.
// params: name, scope
// returns: pid, report_key, party_name, id_number_valid, reason, confidence
MATCH (p:Person {name: $name})<-[link:RESOLVED_TO]-(pt:Party)<-[:HAS_PARTY]-(r:Report)
WHERE r.area_code STARTS WITH $scope
RETURN p.pid AS pid, r.key AS report_key, pt.name AS party_name, pt.id_number_valid AS id_number_valid,
       link.reason AS reason, link.confidence AS confidence
ORDER BY report_key
