"""Notice models: a work notice (工作提示函) or risk warning letter (风险警示函) issued by the centre."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

NoticeKind = Literal["工作提示函", "工作提示单", "风险警示函"]
# 工作提示单 is the form's everyday name; the graph stores the letter type as the reference data does.
KIND_ALIASES = {"工作提示单": "工作提示函"}


class NoticeRequest(BaseModel):
    """POST /notices: about a person, a case, or both."""

    kind: NoticeKind
    person_pid: str | None = None
    dispute_id: str | None = Field(default=None, description="dispute id or case code (一案一码)")
    unit_code: str = Field(description="the receiving unit (接收单位)")
    reason: str = Field(min_length=1, description="事由")
    at: datetime | None = Field(default=None, description="issue time (default now)")


class NoticeView(BaseModel):
    """An issued notice."""

    code: str
    kind: str
    issued_at: date = Field(description="the day of issue (Beijing), as the reference notices carry it")
    issued_time: datetime | None = Field(default=None, description="the instant of issue")
    issuer: str | None = None
    issued_by: str | None = None
    receiver: str | None = None
    receiver_unit: str | None = None
    reason: str | None = None
    area_code: str
    person_pid: str | None = None
    name: str | None = None
    dispute_id: str | None = None
    case_code: str | None = None
