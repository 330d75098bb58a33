// IdNumber.value is unique: an 18-character resident ID number.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_idnumber_value IF NOT EXISTS FOR (n:IdNumber) REQUIRE n.value IS UNIQUE
