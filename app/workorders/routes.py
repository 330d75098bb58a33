"""Closed-loop routes: routing proposals, work orders, supervision, closure, visits, figures, units."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Query

from app.deps import CallerDep, GraphDep
from app.workorders import figures as figures_service
from app.workorders import routing, service, units, visits
from app.workorders.config import load_workflow
from app.workorders.models import (
    CloseRequest,
    DispatchRequest,
    DisputeClosure,
    FiguresReport,
    OrderStatus,
    ReplyRequest,
    ResolveRequest,
    RoutingProposal,
    StepRequest,
    SupervisionRun,
    UnitView,
    VisitOutcome,
    VisitRequest,
    VisitStatus,
    VisitView,
    WorkflowError,
    WorkOrderPage,
    WorkOrderView,
)

router = APIRouter(tags=["closed loop"])
T = TypeVar("T")


def _call(work: Callable[[], T | None], missing: str) -> T:
    """Run a service call: WorkflowError becomes its HTTP status, None becomes 404."""
    try:
        result = work()
    except WorkflowError as error:
        raise HTTPException(error.status, str(error)) from error
    if result is None:
        raise HTTPException(404, missing)
    return result


@router.get("/disputes/{dispute_id}/routing", response_model=RoutingProposal, summary="Dispatch proposal")
def get_routing(dispute_id: str, graph: GraphDep, caller: CallerDep, at: datetime | None = None) -> RoutingProposal:
    """Lead unit, co-units, deadlines and closing standard by the case's colour, area and category."""
    return _call(lambda: routing.propose_routing(graph=graph, caller=caller, dispute_id=dispute_id, at=at),
                 f"no dispute {dispute_id}")


@router.post("/workorders", response_model=WorkOrderView, status_code=201, summary="Dispatch a case (分流交办)")
def dispatch(body: DispatchRequest, graph: GraphDep, caller: CallerDep) -> WorkOrderView:
    """Create a work order for a dispute (id or case code) and a unit covering its area."""
    return _call(lambda: service.dispatch(graph=graph, caller=caller, dispute_id=body.dispute_id,
                                          unit_code=body.unit_code, responsible_person=body.responsible_person,
                                          at=body.at, note=body.note), f"no dispute {body.dispute_id}")


@router.get("/workorders", response_model=WorkOrderPage, summary="Work orders")
def list_work_orders(
    graph: GraphDep,
    caller: CallerDep,
    unit: str | None = None,
    status: OrderStatus | None = None,
    overdue: Annotated[bool | None, Query(description="only orders past a deadline (true) or not (false)")] = None,
    case: Annotated[str | None, Query(description="dispute id or case code (一案一码)")] = None,
    as_of: datetime | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> WorkOrderPage:
    """Orders the caller may see, latest dispatch first."""
    return service.list_work_orders(graph=graph, caller=caller, unit=unit, status=status, case=case,
                                    overdue=overdue, as_of=as_of, page=page, size=size)


@router.get("/workorders/{order_id}", response_model=WorkOrderView, summary="One work order")
def get_work_order(order_id: str, graph: GraphDep, caller: CallerDep, as_of: datetime | None = None) -> WorkOrderView:
    """A work order with its deadlines, overdue steps and history."""
    return _call(lambda: service.get_work_order(graph=graph, caller=caller, order_id=order_id, as_of=as_of),
                 f"no work order {order_id}")


@router.post("/workorders/{order_id}/sign", response_model=WorkOrderView, summary="Sign for an order (签收)")
def sign(order_id: str, graph: GraphDep, caller: CallerDep, body: StepRequest | None = None) -> WorkOrderView:
    """The unit signs for the order."""
    body = body or StepRequest()
    return _call(lambda: service.sign(graph=graph, caller=caller, order_id=order_id, at=body.at, note=body.note),
                 f"no work order {order_id}")


@router.post("/workorders/{order_id}/progress", response_model=WorkOrderView, summary="Report handling (办理中)")
def progress(order_id: str, body: StepRequest, graph: GraphDep, caller: CallerDep) -> WorkOrderView:
    """The unit reports progress."""
    return _call(lambda: service.progress(graph=graph, caller=caller, order_id=order_id, at=body.at, note=body.note),
                 f"no work order {order_id}")


@router.post("/workorders/{order_id}/reply", response_model=WorkOrderView, summary="Reply (回复)")
def reply(order_id: str, body: ReplyRequest, graph: GraphDep, caller: CallerDep) -> WorkOrderView:
    """The unit replies how the case is handled."""
    return _call(lambda: service.reply(graph=graph, caller=caller, order_id=order_id, text=body.text, at=body.at),
                 f"no work order {order_id}")


@router.post("/workorders/{order_id}/resolve", response_model=WorkOrderView, summary="Resolve (办结)")
def resolve(order_id: str, body: ResolveRequest, graph: GraphDep, caller: CallerDep) -> WorkOrderView:
    """The order is done; return visits are scheduled by the case's colour."""
    return _call(lambda: service.resolve(graph=graph, caller=caller, order_id=order_id, outcome=body.outcome,
                                         at=body.at, note=body.note), f"no work order {order_id}")


@router.post("/supervise", response_model=SupervisionRun, summary="Supervision pass (督办)")
def supervise(graph: GraphDep, caller: CallerDep, as_of: datetime | None = None) -> SupervisionRun:
    """Record missed deadlines of the open orders in the caller's jurisdiction and list the overdue per unit."""
    if caller.role not in load_workflow().roles.command:
        raise HTTPException(403, f"角色{caller.role}无权督办")
    return service.supervise(graph=graph, scope=caller.scope, as_of=as_of, by=caller.username)


@router.post("/disputes/{dispute_id}/close", response_model=DisputeClosure, summary="Close a case (销号)")
def close_dispute(dispute_id: str, body: CloseRequest, graph: GraphDep, caller: CallerDep) -> DisputeClosure:
    """Record outcome, agreement and notes on the dispute, close its warnings, schedule return visits."""
    return _call(lambda: service.close_dispute(
        graph=graph, caller=caller, dispute_id=dispute_id, outcome=body.outcome,
        mediation_agreement=body.mediation_agreement, mediation_notes=body.mediation_notes,
        unit_code=body.unit_code, at=body.at), f"no dispute {dispute_id}")


@router.post("/visits/{visit_id}", response_model=VisitOutcome, summary="Record a return visit (回访)")
def record_visit(visit_id: str, body: VisitRequest, graph: GraphDep, caller: CallerDep) -> VisitOutcome:
    """Record the answer; a satisfied answer lowers the case's warning one colour."""
    return _call(lambda: visits.record_visit(graph=graph, caller=caller, visit_id=visit_id,
                                             satisfaction=body.satisfaction, at=body.at, visitor=body.visitor,
                                             method=body.method, note=body.note), f"no visit {visit_id}")


@router.get("/visits", response_model=list[VisitView], summary="Return visits")
def list_visits(
    graph: GraphDep,
    caller: CallerDep,
    due_before: datetime | None = None,
    status: VisitStatus | None = "待回访",
    case: Annotated[str | None, Query(description="dispute id or case code (一案一码)")] = None,
    unit: str | None = None,
) -> list[VisitView]:
    """Visits the caller may see, earliest due first."""
    return visits.list_visits(graph=graph, caller=caller, status=status, due_before=due_before, case=case, unit=unit)


@router.get("/figures", response_model=FiguresReport, summary="Closed-loop figures")
def get_figures(
    graph: GraphDep,
    caller: CallerDep,
    group_by: Literal["unit", "area"] = "unit",
    area: Annotated[str | None, Query(description="area-code prefix within the caller's scope")] = None,
    date_from: Annotated[date | None, Query(alias="from", description="dispatched on or after this day")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="dispatched on or before this day")] = None,
    as_of: datetime | None = None,
) -> FiguresReport:
    """办结率, 回访率, 满意率, resolution time and overdue counts per unit or area."""
    return figures_service.figures(graph=graph, caller=caller, group_by=group_by, area=area, date_from=date_from,
                                   date_to=date_to, as_of=as_of)


@router.get("/units", response_model=list[UnitView], summary="Handling units")
def list_units(graph: GraphDep, caller: CallerDep, kind: str | None = None) -> list[UnitView]:
    """Units inside the caller's jurisdiction and above it."""
    return units.list_units(graph=graph, caller=caller, kind=kind)
