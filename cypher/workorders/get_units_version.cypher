// The stamp of the loaded units (units config version and reference data version) and the reference version now.
// scope: none (service bookkeeping)
// params: none
// returns: units, reference
OPTIONAL MATCH (m:Meta {key: 'units'})
OPTIONAL MATCH (r:Meta {key: 'reference'})
RETURN m.version AS units, r.version AS reference
