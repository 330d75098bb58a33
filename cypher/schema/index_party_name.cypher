// Range index for search by name as written.
// params: none; returns: nothing
CREATE INDEX index_party_name IF NOT EXISTS FOR (n:Party) ON (n.name)
