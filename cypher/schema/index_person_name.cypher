// Range index for search by name.
// params: none; returns: nothing
CREATE INDEX index_person_name IF NOT EXISTS FOR (n:Person) ON (n.name)
