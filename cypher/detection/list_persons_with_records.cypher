// The persons among the given ones with a key-person entry, a police prior-record flag or a notice: when earlier
// disputes alone cannot reach a prior-record warning, only they need their history read (app/detection/prior_record).
// scope: none (read city-wide, as get_person_histories: a person's record does not stop at a district border)
// params: pids
// returns: pid
UNWIND $pids AS pid
MATCH (p:Person {pid: pid})
WHERE EXISTS { MATCH (p)-[:LISTED_AS]->(k:KeyPersonEntry) WHERE coalesce(k.active, true) }
   OR EXISTS { MATCH (p)<-[:RESOLVED_TO]-(pt:Party)<-[:HAS_PARTY]-(:Report) WHERE pt.prior_record = true }
   OR EXISTS { MATCH (:Notice)-[:ABOUT]->(p) }
RETURN p.pid AS pid
