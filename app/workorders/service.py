"""Work-order verbs: dispatch (分流交办), sign, progress, reply, resolve, supervision, closure (销号).

Time is always passed in (`at`, `as_of`; None means now), so tests and replays run their own clock.
Every work order carries the case code (一案一码) of its dispute.
"""

import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from app.caller import SYSTEM, Caller
from app.db.graph import Graph
from app.db.values import native
from app.warnings.service import close_warnings
from app.workorders.config import BEIJING, LadderStep, Workflow, instant, load_units_config, load_workflow
from app.workorders.models import (
    DisputeClosure,
    SupervisionRun,
    SupervisionStep,
    UnitOverdue,
    WorkflowError,
    WorkOrderPage,
    WorkOrderView,
    history_entries,
)
from app.workorders.recurrence import check_recurrence
from app.workorders.routing import proposal_from_facts, routing_facts
from app.workorders.visits import dispute_colour, list_dispute_visits, schedule_visits

log = logging.getLogger(__name__)

Row = dict[str, Any]
PAGE = 500
# verb: (statuses it starts from, status it leads to, timestamp it sets, Chinese name)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str | None, str]] = {
    "sign": (("已派单",), "已签收", "signed_at", "签收"),
    "progress": (("已签收", "办理中"), "办理中", None, "办理"),
    "reply": (("已签收", "办理中"), "已回复", "replied_at", "回复"),
    "resolve": (("已签收", "办理中", "已回复"), "已办结", "resolved_at", "办结"),
}


def dispatch(*, graph: Graph, caller: Caller, dispute_id: str, unit_code: str, responsible_person: str,
             at: date | datetime | None = None, note: str | None = None,
             workflow: Workflow | None = None) -> WorkOrderView | None:
    """Create a work order for a dispute (id or case code) and a unit; None when the dispute is unknown or unseen."""
    workflow = workflow or load_workflow()
    _require(caller, workflow.roles.command, "派单")
    at = instant(at)
    facts = routing_facts(graph=graph, caller=caller, dispute_id=dispute_id)
    if facts is None:
        return None
    dispute = facts["dispute"]
    if dispute.get("status") == "closed":
        raise WorkflowError(f"案件{dispute.get('case_code')}已销号，不能再派单")
    order_id = work_order_id(dispute["id"], unit_code, at)
    busy = [o["id"] for o in facts["open_orders"] if o["unit_code"] == unit_code and o["id"] != order_id]
    if busy:
        raise WorkflowError(f"该单位已有在办工单{busy[0]}")
    proposal = proposal_from_facts(facts, workflow, at)
    props = {
        "status": "已派单", "dispatched_at": at, "dispatched_by": caller.username, "colour": proposal.colour,
        "supervision": proposal.supervision, "closing_standard": proposal.closing_standard,
        "supervision_level": 0, "supervision_codes": [], "workflow_version": workflow.version,
        **proposal.deadlines,
    }
    entry = _entry(at, "dispatched", caller, note, unit=unit_code, person=responsible_person)
    rows = graph.write("create_work_order", id=order_id, dispute_id=dispute["id"], unit_code=unit_code,
                       person=responsible_person, props=props, entry=entry, scope=caller.scope)
    if not rows:
        raise WorkflowError(f"单位{unit_code}不存在或不负责该案件所在区域", status=422)
    return get_work_order(graph=graph, caller=caller, order_id=order_id, as_of=at, workflow=workflow)


def sign(*, graph: Graph, caller: Caller, order_id: str, at: date | datetime | None = None,
         note: str | None = None) -> WorkOrderView | None:
    """The unit signs for the order (签收)."""
    return _transition(graph, caller, order_id, "sign", instant(at), note, {})


def progress(*, graph: Graph, caller: Caller, order_id: str, at: date | datetime | None = None,
             note: str | None = None) -> WorkOrderView | None:
    """The unit reports that it is handling the case (办理中), with a note."""
    return _transition(graph, caller, order_id, "progress", instant(at), note, {})


def reply(*, graph: Graph, caller: Caller, order_id: str, text: str,
          at: date | datetime | None = None) -> WorkOrderView | None:
    """The unit replies how the case is being handled (回复)."""
    return _transition(graph, caller, order_id, "reply", instant(at), text, {"reply": text})


def resolve(*, graph: Graph, caller: Caller, order_id: str, outcome: str, at: date | datetime | None = None,
            note: str | None = None) -> WorkOrderView | None:
    """The order is done (办结) with its outcome; the case's return visits are scheduled by its colour."""
    at = instant(at)
    view = _transition(graph, caller, order_id, "resolve", at, note, {"outcome": outcome})
    if view is not None:
        colour = dispute_colour(graph=graph, scope=caller.scope, dispute_id=view.dispute_id)
        schedule_visits(graph=graph, scope=caller.scope, dispute_id=view.dispute_id, case_code=view.case_code,
                        colour=colour, at=view.resolved_at or at, order_id=view.id, unit_code=view.unit_code)
    return view


def get_work_order(*, graph: Graph, caller: Caller, order_id: str, as_of: date | datetime | None = None,
                   workflow: Workflow | None = None) -> WorkOrderView | None:
    """One work order with its case code, deadlines, overdue steps and history; None when unknown or out of scope."""
    row = graph.read_one("get_work_order", id=order_id, scope=caller.scope)
    if row is None:
        return None
    return order_view(row, workflow or load_workflow(), instant(as_of))


def list_work_orders(*, graph: Graph, caller: Caller, unit: str | None = None, status: str | None = None,
                     case: str | None = None, overdue: bool | None = None, as_of: date | datetime | None = None,
                     page: int = 1, size: int = 50, workflow: Workflow | None = None) -> WorkOrderPage:
    """Work orders the caller may see, by unit, status, case (id or case code) and overdue state as of `as_of`."""
    workflow = workflow or load_workflow()
    as_of = instant(as_of)
    page, size = max(page, 1), min(max(size, 1), 200)
    filters = {"scope": caller.scope, "unit": unit, "status": status, "case": case, "overdue": overdue,
               "as_of": as_of, "ladder": ladder_param(workflow)}
    total = graph.read_one("count_work_orders", **filters)["total"]
    rows = graph.read("list_work_orders", **filters, skip=(page - 1) * size, limit=size)
    return WorkOrderPage(total=total, items=[order_view(row, workflow, as_of) for row in rows])


def supervise(*, graph: Graph, scope: str, as_of: date | datetime | None = None, by: str = SYSTEM.username,
              workflow: Workflow | None = None) -> SupervisionRun:
    """Record every missed ladder step of the open orders in scope (once each) and list the overdue per unit."""
    workflow = workflow or load_workflow()
    as_of = instant(as_of)
    checked, recorded, overdue, after = 0, [], defaultdict(list), ""
    while rows := graph.read("list_open_work_orders", scope=scope, after_id=after, limit=PAGE):
        after = rows[-1]["id"]
        checked += len(rows)
        steps = []
        for row in rows:
            missed = missed_steps(row, workflow.ladder, as_of)
            if missed:
                overdue[(row["unit_code"], row["unit_name"])].append((row["id"], missed[-1].code))
            steps += [_step(row, s) for s in missed if s.code not in (row["supervision_codes"] or [])]
        if steps:
            recorded += _record_steps(graph, scope, steps, as_of, by)
    return SupervisionRun(as_of=as_of, workflow_version=workflow.version, checked=checked, recorded=recorded,
                          overdue=[_unit_overdue(unit, orders) for unit, orders in sorted(overdue.items())])


def close_dispute(*, graph: Graph, caller: Caller, dispute_id: str, outcome: str,
                  mediation_agreement: str | None = None, mediation_notes: str | None = None,
                  unit_code: str | None = None, at: date | datetime | None = None,
                  workflow: Workflow | None = None) -> DisputeClosure | None:
    """Close a case (销号): record the outcome on the dispute, close its warnings, schedule visits if none yet.

    Refused while a work order of the case is not done. Closing a closed case changes nothing.
    """
    workflow = workflow or load_workflow()
    _require(caller, workflow.roles.command, "销号")
    at = instant(at)
    facts = routing_facts(graph=graph, caller=caller, dispute_id=dispute_id)
    if facts is None:
        return None
    dispute = facts["dispute"]
    if dispute.get("status") != "closed":
        _close(graph, caller, facts, outcome, mediation_agreement, mediation_notes, unit_code, at)
    return _closure(graph, caller, dispute["id"])


def post_ingest_hook(graph: Graph, *, dispute_ids: list[str], scope: str) -> None:
    """Check the disputes an ingest batch created or changed for recurrence after closure (app/ingest/hooks.py).

    A failure is logged, not raised: the records are stored, and the check can be run again.
    """
    if not dispute_ids:
        return
    try:
        check_recurrence(graph=graph, scope=scope, dispute_ids=dispute_ids)
    except Exception:
        log.exception("recurrence check failed for %d disputes", len(dispute_ids))


def register_jobs(scheduler: Any, graph_factory: Callable[[], Graph], workflow: Workflow | None = None) -> None:
    """Register the supervision pass (every `schedule.supervise_minutes`) on an APScheduler scheduler."""
    workflow = workflow or load_workflow()

    def pass_() -> None:
        run = supervise(graph=graph_factory(), scope=SYSTEM.scope)
        log.info("supervision: %d orders checked, %d steps recorded", run.checked, len(run.recorded))

    scheduler.add_job(pass_, "interval", id="workorder-supervision", replace_existing=True,
                      minutes=workflow.schedule.supervise_minutes)


def work_order_id(dispute_id: str, unit_code: str, at: datetime) -> str:
    """`GD20250430100000-3FA2C1`: dispatch time (Beijing) and a hash of dispute and unit; a retry is the same order."""
    digest = hashlib.sha1(f"{dispute_id}|{unit_code}".encode()).hexdigest()[:6].upper()
    return f"GD{at.astimezone(BEIJING):%Y%m%d%H%M%S}-{digest}"


def missed_steps(order: Row, ladder: list[LadderStep], as_of: datetime) -> list[LadderStep]:
    """The ladder steps whose deadline passed by `as_of` without any of their `done_by` set by the deadline."""
    missed = []
    for step in ladder:
        due = native(order.get(step.deadline))
        if due is None or due > as_of:
            continue
        done = [native(order.get(field)) for field in step.done_by]
        if not any(t is not None and t <= due for t in done):
            missed.append(step)
    return missed


def ladder_param(workflow: Workflow) -> list[Row]:
    """The ladder as a query parameter (code, deadline, done_by)."""
    return [{"code": s.code, "deadline": s.deadline, "done_by": s.done_by} for s in workflow.ladder]


def order_view(row: Row, workflow: Workflow, as_of: datetime) -> WorkOrderView:
    """A work order row as the API shows it (overdue steps computed as of `as_of`)."""
    order = {key: native(value) for key, value in row["order"].items()}
    dispute, unit = row["dispute"] or {}, row["unit"] or {}
    missed = [] if order.get("status") == "已办结" else missed_steps(order, workflow.ladder, as_of)
    derived = {
        "dispute_title": dispute.get("title"), "dispute_status": dispute.get("status"),
        "category": dispute.get("category"), "unit_name": unit.get("name") or order.get("unit_name"),
        "overdue": [s.code for s in missed], "history": history_entries(order.get("history")),
    }
    stored = {k: v for k, v in order.items() if k in WorkOrderView.model_fields and k not in derived}
    return WorkOrderView(**stored, **derived)


def _transition(graph: Graph, caller: Caller, order_id: str, verb: str, at: datetime, note: str | None,
                extra: Row) -> WorkOrderView | None:
    workflow = load_workflow()
    _require(caller, workflow.roles.handle, TRANSITIONS[verb][3])
    current = get_work_order(graph=graph, caller=caller, order_id=order_id, as_of=at, workflow=workflow)
    if current is None:
        return None
    sources, target, stamp, name = TRANSITIONS[verb]
    if current.status == target and verb != "progress":
        return current
    if current.status not in sources:
        raise WorkflowError(f"工单{order_id}当前状态为{current.status}，不能{name}")
    if at < current.dispatched_at:
        raise WorkflowError(f"{name}时间早于派单时间", status=422)
    props = {"status": target, **({stamp: at} if stamp else {}), **{k: v for k, v in extra.items() if v is not None}}
    entry = _entry(at, verb, caller, note)
    rows = graph.write("update_work_order", id=order_id, scope=caller.scope, from_statuses=list(sources),
                       props=props, entry=entry)
    if not rows:
        raise WorkflowError(f"工单{order_id}状态已变化，请刷新后重试")
    return get_work_order(graph=graph, caller=caller, order_id=order_id, as_of=at, workflow=workflow)


def _close(graph: Graph, caller: Caller, facts: Row, outcome: str, agreement: str | None, notes: str | None,
           unit_code: str | None, at: datetime) -> None:
    dispute = facts["dispute"]
    if facts["open_orders"]:
        raise WorkflowError(f"案件仍有未办结工单{facts['open_orders'][0]['id']}，办结后方可销号")
    closing_unit = unit_code or _last_resolving_unit(graph, caller, dispute["id"])
    colour = dispute_colour(graph=graph, scope=caller.scope, dispute_id=dispute["id"])
    if not list_dispute_visits(graph=graph, scope=caller.scope, dispute_id=dispute["id"]):
        schedule_visits(graph=graph, scope=caller.scope, dispute_id=dispute["id"], case_code=dispute.get("case_code"),
                        colour=colour, at=at, order_id=None, unit_code=closing_unit)
    props = {"status": "closed", "resolution_outcome": outcome, "mediation_agreement": agreement,
             "mediation_notes": notes, "closed_at": at, "closed_by_unit": closing_unit,
             "closed_by": caller.username, "closed_colour": colour}
    graph.write("close_dispute", id=dispute["id"], scope=caller.scope,
                props={k: v for k, v in props.items() if v is not None})
    warnings = graph.read("list_dispute_warnings", id=dispute["id"], scope=caller.scope)
    close_warnings(graph=graph, scope=caller.scope, warning_ids=[w["id"] for w in warnings],
                   by=caller.username, note="案件已化解销号")


def _closure(graph: Graph, caller: Caller, dispute_id: str) -> DisputeClosure:
    row = {k: native(v) for k, v in graph.read_one("get_closure", id=dispute_id, scope=caller.scope).items()}
    closed = [w["id"] for w in graph.read("list_dispute_warnings", id=dispute_id, scope=caller.scope)
              if w["status"] == "closed"]
    return DisputeClosure(
        dispute_id=row["id"], case_code=row["case_code"], status=row["status"], closed_at=row["closed_at"],
        closed_by_unit=row["closed_by_unit"], resolution_outcome=row["resolution_outcome"] or "",
        warnings_closed=closed, visits=list_dispute_visits(graph=graph, scope=caller.scope, dispute_id=dispute_id),
    )


def _last_resolving_unit(graph: Graph, caller: Caller, dispute_id: str) -> str | None:
    page = list_work_orders(graph=graph, caller=caller, case=dispute_id, status="已办结", size=200)
    done = sorted(page.items, key=lambda o: o.resolved_at or o.dispatched_at)
    return done[-1].unit_code if done else None


def _step(order: Row, step: LadderStep) -> Row:
    escalated_to = None
    if step.code == "escalate":
        command = load_units_config().code(order["area_code"][:6], "district_command")
        escalated_to = command if command != order["unit_code"] else None
    return {"order": order, "step": step, "escalated_to": escalated_to}


def _record_steps(graph: Graph, scope: str, steps: list[Row], as_of: datetime, by: str) -> list[SupervisionStep]:
    rows = []
    for item in steps:
        order, step = item["order"], item["step"]
        due = native(order[step.deadline])
        unit = order["unit_name"] or order["unit_code"]
        note = f"{step.name}：{unit}逾期（时限{due.astimezone(BEIJING):%Y-%m-%d %H:%M}）"
        if item["escalated_to"]:
            note += f"，提级至{item['escalated_to']}"
        entry = json.dumps({"at": as_of.isoformat(), "event": "supervision", "code": step.code, "name": step.name,
                            "level": step.level, "due_at": due.isoformat(), "by": by, "note": note,
                            "escalated_to": item["escalated_to"]}, ensure_ascii=False)
        rows.append({"id": order["id"], "code": step.code, "level": step.level, "name": step.name, "entry": entry,
                     "escalated_to": item["escalated_to"]})
    written = {(r["id"], r["code"]) for r in graph.write("record_supervision_steps", rows=rows, scope=scope)}
    return [
        SupervisionStep(order_id=i["order"]["id"], case_code=i["order"]["case_code"],
                        unit_code=i["order"]["unit_code"], code=i["step"].code, name=i["step"].name,
                        level=i["step"].level, due_at=native(i["order"][i["step"].deadline]),
                        escalated_to=i["escalated_to"])
        for i in steps if (i["order"]["id"], i["step"].code) in written
    ]


def _unit_overdue(unit: tuple[str, str | None], orders: list[tuple[str, str]]) -> UnitOverdue:
    by_step: dict[str, int] = defaultdict(int)
    for _, code in orders:
        by_step[code] += 1
    return UnitOverdue(unit_code=unit[0], unit_name=unit[1], orders=len(orders), by_step=dict(by_step),
                       order_ids=[order_id for order_id, _ in orders])


def _entry(at: datetime, event: str, caller: Caller, note: str | None, **extra: Any) -> str:
    data = {"at": at.isoformat(), "event": event, "by": caller.username, "note": note,
            "recorded_at": datetime.now(UTC).isoformat(), **extra}
    return json.dumps(data, ensure_ascii=False)


def _require(caller: Caller, roles: list[str], action: str) -> None:
    if caller.role not in roles:
        raise WorkflowError(f"角色{caller.role}无权{action}", status=403)

