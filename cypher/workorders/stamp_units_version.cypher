// Record which units config and which reference data the Unit nodes were derived from.
// scope: none (service bookkeeping)
// params: version, at
// returns: version
MERGE (m:Meta {key: 'units'})
SET m.version = $version, m.loaded_at = $at
RETURN m.version AS version
