// Dispute.id is unique: stable dispute id.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_dispute_id IF NOT EXISTS FOR (n:Dispute) REQUIRE n.id IS UNIQUE
