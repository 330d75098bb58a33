// Read one probe node back.
// scope: none (test probe, no case data)
// params: key
// returns: key, value
MATCH (n:Probe {key: $key})
RETURN n.key AS key, n.value AS value
