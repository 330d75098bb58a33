// Every party with the person it resolved to, for linkage evaluation against ground truth.
// scope: none (evaluation over a whole generated data set; administrators and tests only)
// params: none
// returns: party_key, pid
MATCH (pt:Party)-[:RESOLVED_TO]->(p:Person)
RETURN pt.key AS party_key, p.pid AS pid
