// Notice.code is unique: notice number (工作提示函/风险警示函).
// params: none; returns: nothing
CREATE CONSTRAINT constraint_notice_code IF NOT EXISTS FOR (n:Notice) REQUIRE n.code IS UNIQUE
