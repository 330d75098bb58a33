// Write one probe node (the foundation test of a write over Bolt).
// scope: none (test probe, no case data)
// params: key, value
// returns: nothing
MERGE (n:Probe {key: $key})
SET n.value = $value
