// Every routed dispute (分流交办), for the benchmark's check that a faster pass routes the same disputes.
// scope: none (benchmark check over its own synthetic graph; never called by the service)
// params: none
// returns: id, routed_to, reason, pid
MATCH (d:Dispute)
WHERE d.routed_to IS NOT NULL
RETURN d.id AS id, d.routed_to AS routed_to, d.routed_reason AS reason, d.routed_pid AS pid
ORDER BY id
