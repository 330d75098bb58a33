// API benchmark: the persons party to some disputes (to sample person requests on a graph too big to list).
// scope: none (benchmark sampling of ids; never called by the service)
// params: ids
// returns: pid
UNWIND $ids AS id
MATCH (:Dispute {id: id})<-[:PARTY_IN]-(p:Person)
RETURN DISTINCT p.pid AS pid
