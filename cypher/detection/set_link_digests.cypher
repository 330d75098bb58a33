// Store a full pass's link digest on each probe whose stored links it has just made equal to the computed ones
// (app/detection/linking.link_digests). Only when no other writer touched its links since the pass read them: the
// write counter must be the one read plus the pass's own writes, otherwise the digest stays unset (read next time).
// params: rows ({id, digest, writes (link_writes expected)}), scope
// returns: stored
UNWIND $rows AS row
MATCH (d:Dispute {id: row.id})
WHERE d.area_code STARTS WITH $scope AND coalesce(d.link_writes, 0) = row.writes
SET d.link_digest = row.digest
RETURN count(d) AS stored
