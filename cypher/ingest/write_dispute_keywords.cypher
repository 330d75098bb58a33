// Record keyword-library hits of disputes (negated hits are kept, marked, and never counted).
// params: rows ({dispute_id, library, word, positions, negated}), scope
// returns: written
UNWIND $rows AS row
MATCH (d:Dispute {id: row.dispute_id})
WHERE d.area_code STARTS WITH $scope
MERGE (k:Keyword {key: row.library + '|' + row.word})
ON CREATE SET k.library = row.library, k.word = row.word
MERGE (d)-[hit:HAS_KEYWORD]->(k)
SET hit.positions = row.positions, hit.negated = row.negated
RETURN count(hit) AS written
