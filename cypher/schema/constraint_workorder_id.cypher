// WorkOrder.id is unique: work order id.
// params: none; returns: nothing
CREATE CONSTRAINT constraint_workorder_id IF NOT EXISTS FOR (n:WorkOrder) REQUIRE n.id IS UNIQUE
