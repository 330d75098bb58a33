// Range index for search by name.
// params: none; returns: nothing
CREATE INDEX index_organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name)
