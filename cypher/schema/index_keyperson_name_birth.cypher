// Range index for key-person match by name and birth date.
// params: none; returns: nothing
CREATE INDEX index_keyperson_name_birth IF NOT EXISTS FOR (n:KeyPersonEntry) ON (n.name, n.birth_date)
