"""Closed-loop models: units, routing proposals, work orders, supervision, visits, closure, figures."""

import json
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

OrderStatus = Literal["已派单", "已签收", "办理中", "已回复", "已办结"]
STATUSES: tuple[OrderStatus, ...] = ("已派单", "已签收", "办理中", "已回复", "已办结")
ACTIVE_STATUSES: tuple[OrderStatus, ...] = STATUSES[:-1]
VisitStatus = Literal["待回访", "已回访"]
Satisfaction = Literal["满意", "基本满意", "不满意"]


class WorkflowError(ValueError):
    """A request the closed loop cannot carry out (unknown unit, wrong status, open orders …)."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


class UnitView(BaseModel):
    """A handling unit (处置单位)."""

    code: str
    name: str
    kind: str
    level: str | None = None
    area_code: str
    sectors: list[str] = Field(default_factory=list)


class RoutingProposal(BaseModel):
    """Where a dispute should go (分流交办建议): the lead unit, co-units, deadlines and closing standard."""

    dispute_id: str
    case_code: str | None
    title: str | None = None
    category: str | None = None
    area_code: str
    colour: str | None = Field(description="colour of the dispute's open risk warning; None routes like blue")
    tier_colour: str = Field(description="the colour whose routing rule applied")
    supervision: str
    lead: UnitView | None
    co_units: list[UnitView] = Field(default_factory=list)
    sector: str | None = None
    closing_standard: str | None = None
    deadlines: dict[str, datetime] = Field(description="sign_due, reply_due, supervise_due, escalate_due")
    reasons: list[str] = Field(default_factory=list)
    routed_to: str | None = Field(default=None, description="area a detection rule routed the case to")
    open_orders: list[str] = Field(default_factory=list, description="work orders of the case not yet done")
    workflow_version: str


class DispatchRequest(BaseModel):
    """POST /workorders."""

    dispute_id: str = Field(description="dispute id or case code (一案一码)")
    unit_code: str
    responsible_person: str
    at: datetime | None = Field(default=None, description="dispatch time (default now)")
    note: str | None = None


class StepRequest(BaseModel):
    """POST /workorders/{id}/sign|progress|reply."""

    at: datetime | None = None
    note: str | None = None


class ReplyRequest(BaseModel):
    """POST /workorders/{id}/reply."""

    text: str = Field(min_length=1, description="how the case is being handled (办理情况)")
    at: datetime | None = None


class ResolveRequest(BaseModel):
    """POST /workorders/{id}/resolve."""

    outcome: str = Field(description="how the unit resolved the case (化解结果)")
    at: datetime | None = None
    note: str | None = None


class HistoryEntry(BaseModel):
    """One event of a work order: dispatched, signed, supervision steps, replied, resolved."""

    model_config = {"extra": "allow"}

    at: datetime
    event: str
    by: str | None = None
    note: str | None = None


class WorkOrderView(BaseModel):
    """A work order (工单) with its case code (一案一码)."""

    id: str
    case_code: str | None
    dispute_id: str
    dispute_title: str | None = None
    dispute_status: str | None = None
    category: str | None = None
    status: OrderStatus
    unit_code: str
    unit_name: str | None = None
    responsible_person: str | None = None
    area_code: str
    colour: str | None = None
    supervision: str | None = Field(default=None, description="supervision level of the routing rule")
    closing_standard: str | None = None
    dispatched_at: datetime
    dispatched_by: str | None = None
    sign_due: datetime
    reply_due: datetime
    supervise_due: datetime
    escalate_due: datetime
    signed_at: datetime | None = None
    replied_at: datetime | None = None
    reply: str | None = None
    resolved_at: datetime | None = None
    outcome: str | None = None
    supervision_level: int = 0
    supervision_name: str | None = None
    supervision_codes: list[str] = Field(default_factory=list)
    escalated_to: str | None = None
    overdue: list[str] = Field(default_factory=list, description="ladder steps missed as of the answer")
    history: list[HistoryEntry] = Field(default_factory=list)
    workflow_version: str | None = None


class WorkOrderPage(BaseModel):
    """One page of work orders."""

    total: int
    items: list[WorkOrderView]


class SupervisionStep(BaseModel):
    """A supervision step recorded by one pass."""

    order_id: str
    case_code: str | None
    unit_code: str
    code: str
    name: str
    level: int
    due_at: datetime
    escalated_to: str | None = None


class UnitOverdue(BaseModel):
    """The overdue orders of one unit, each at the highest step it missed."""

    unit_code: str
    unit_name: str | None = None
    orders: int
    by_step: dict[str, int]
    order_ids: list[str]


class SupervisionRun(BaseModel):
    """What one supervision pass did and what is overdue."""

    as_of: datetime
    workflow_version: str
    checked: int
    recorded: list[SupervisionStep]
    overdue: list[UnitOverdue]


class VisitView(BaseModel):
    """A return visit (回访)."""

    id: str
    dispute_id: str
    case_code: str | None
    order_id: str | None = None
    unit_code: str | None = None
    seq: int
    method: str
    spot_check: bool = False
    colour: str | None = None
    due_at: datetime
    status: VisitStatus
    satisfaction: str | None = None
    visited_at: datetime | None = None
    visitor: str | None = None
    method_used: str | None = None
    note: str | None = None
    area_code: str


class VisitRequest(BaseModel):
    """POST /visits/{id}."""

    satisfaction: Satisfaction
    at: datetime | None = None
    visitor: str | None = None
    method: str | None = Field(default=None, description="how the visit was done when not as planned")
    note: str | None = None


class WarningChange(BaseModel):
    """What a visit or a closure did to a warning."""

    id: str
    colour_before: str | None = None
    colour: str | None = None
    status: str


class VisitOutcome(BaseModel):
    """A recorded visit and the warning it downgraded."""

    visit: VisitView
    warning: WarningChange | None = None


class CloseRequest(BaseModel):
    """POST /disputes/{id}/close (销号)."""

    outcome: str = Field(description="化解结果")
    mediation_agreement: str | None = Field(default=None, description="调解协议 (text or document number)")
    mediation_notes: str | None = Field(default=None, description="调解过程要点")
    unit_code: str | None = Field(default=None, description="closing unit (default: unit of the last resolved order)")
    at: datetime | None = None


class DisputeClosure(BaseModel):
    """A closed case (销号)."""

    dispute_id: str
    case_code: str | None
    status: str
    closed_at: datetime
    closed_by_unit: str | None
    resolution_outcome: str
    warnings_closed: list[str]
    visits: list[VisitView]


class RecurredCase(BaseModel):
    """A closed case that a new dispute repeats, with the unit that closed it."""

    dispute_id: str
    case_code: str | None
    closed_at: datetime
    closed_by_unit: str | None
    unit_name: str | None = None
    reasons: list[str]


class RecurrenceFinding(BaseModel):
    """A recurrence after closure (化解后重复) and the warning raised for it."""

    dispute_id: str
    case_code: str | None
    warning_id: str
    colour: str
    closed_cases: list[RecurredCase]
    accountability: str


class FigureRow(BaseModel):
    """Closed-loop figures of one unit or area over a period."""

    key: str
    name: str | None = None
    dispatched: int
    resolved: int
    completion_rate: float | None = Field(description="办结率 = resolved / dispatched")
    visits_scheduled: int
    visited: int
    return_visit_rate: float | None = Field(description="回访率 = resolved orders with a visit done / resolved")
    rated: int
    satisfied: int
    satisfaction_rate: float | None = Field(description="满意率 = 满意 and 基本满意 / visits with an answer")
    mean_resolution_hours: float | None = None
    median_resolution_hours: float | None = None
    overdue_by_step: dict[str, int] = Field(description="orders that missed each ladder step (sign, reply …)")
    overdue: int = Field(description="orders that missed any deadline as of the report")


class FiguresReport(BaseModel):
    """Figures per unit or area."""

    group_by: Literal["unit", "area"]
    area: str = Field(description="area-code prefix the figures cover")
    date_from: datetime | None
    date_to: datetime | None
    as_of: datetime
    rows: list[FigureRow]
    total: FigureRow


def history_entries(raw: list[str] | None) -> list[HistoryEntry]:
    """Parse the JSON strings of WorkOrder.history."""
    return [HistoryEntry.model_validate(json.loads(item)) for item in raw or []]

