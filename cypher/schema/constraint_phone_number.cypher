// Phone.number is unique: a normalised phone number.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_phone_number IF NOT EXISTS FOR (n:Phone) REQUIRE n.number IS UNIQUE
