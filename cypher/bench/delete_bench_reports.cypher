// Remove the benchmark baseline's throw-away nodes.
// scope: none (benchmark baseline clean-up)
// params: none
// returns: deleted
MATCH (r:BenchReport)
WITH r LIMIT 50000
DETACH DELETE r
RETURN count(*) AS deleted
