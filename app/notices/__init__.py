"""Notices (工作提示函 / 风险警示函) issued by the centre about a person or a case."""
