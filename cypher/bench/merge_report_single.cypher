// Baseline for the ingest benchmark: one report written per transaction, without UNWIND.
// scope: none (benchmark baseline writing to a throw-away label)
// params: key, props
// returns: nothing
MERGE (r:BenchReport {key: $key})
SET r += $props
