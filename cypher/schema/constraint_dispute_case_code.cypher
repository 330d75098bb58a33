// Dispute.case_code is unique: human-readable case code (一案一码).
// params: none; returns: nothing
CREATE CONSTRAINT constraint_dispute_case_code IF NOT EXISTS FOR (n:Dispute) REQUIRE n.case_code IS UNIQUE
