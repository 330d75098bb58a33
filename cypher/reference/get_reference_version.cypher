// The version stamp of the loaded reference data (changes on every reference load).
// scope: none (service bookkeeping)
// params: none
// returns: version
OPTIONAL MATCH (m:Meta {key: 'reference'})
RETURN m.version AS version
