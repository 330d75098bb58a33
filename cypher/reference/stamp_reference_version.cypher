// Record that the reference data changed, so running loaders rebuild their area index and lexicons.
// scope: none (service bookkeeping)
// params: version, at
// returns: version
MERGE (m:Meta {key: 'reference'})
SET m.version = $version, m.loaded_at = $at
RETURN m.version AS version
