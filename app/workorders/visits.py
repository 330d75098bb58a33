"""Return visits (回访): scheduled by colour when a case is resolved; a good visit lowers its warning a colour."""

import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.caller import Caller
from app.db.graph import Graph
from app.db.values import native_row
from app.scoring.rules import load_rules
from app.warnings.models import COLOUR_LEVEL
from app.workorders.config import COLOURS, Workflow, instant, load_workflow
from app.workorders.models import VisitOutcome, VisitView, WarningChange, WorkflowError

Row = dict[str, Any]


def dispute_colour(*, graph: Graph, scope: str, dispute_id: str) -> str:
    """The colour of the dispute's risk warning when it is not closed, else blue."""
    for warning in graph.read("list_dispute_warnings", id=dispute_id, scope=scope):
        if warning["id"] == risk_warning_id(dispute_id) and warning["status"] != "closed":
            return warning["colour"]
    return "blue"


def schedule_visits(*, graph: Graph, scope: str, dispute_id: str, case_code: str | None, colour: str,
                    at: datetime, order_id: str | None, unit_code: str | None,
                    workflow: Workflow | None = None) -> list[str]:
    """MERGE the visits of the colour's schedule (ids `HF-<case code>-<n>`, so scheduling twice adds nothing)."""
    workflow = workflow or load_workflow()
    rows = []
    for seq, plan in enumerate(workflow.visits.plan(colour), start=1):
        visit_id = f"HF-{case_code or dispute_id}-{seq}"
        if plan.share < 1 and not _spot_checked(visit_id, plan.share):
            continue
        props = {"seq": seq, "method": plan.method, "spot_check": plan.share < 1, "colour": colour,
                 "due_at": at + timedelta(days=plan.due_days), "status": "待回访", "scheduled_at": at,
                 "order_id": order_id, "unit_code": unit_code}
        props = {k: v for k, v in props.items() if v is not None}
        rows.append({"id": visit_id, "dispute_id": dispute_id, "props": props})
    if not rows:
        return []
    return [row["id"] for row in graph.write("schedule_visits", rows=rows, scope=scope)]


def list_dispute_visits(*, graph: Graph, scope: str, dispute_id: str) -> list[VisitView]:
    """The visits of one case in order."""
    return [_view(row["visit"]) for row in graph.read("list_dispute_visits", id=dispute_id, scope=scope)]


def list_visits(*, graph: Graph, caller: Caller, status: str | None = "待回访",
                due_before: date | datetime | None = None, case: str | None = None, unit: str | None = None,
                limit: int = 200) -> list[VisitView]:
    """Visits the caller may see, earliest due first (by default those still to be done)."""
    due = instant(due_before, default_now=False)
    rows = graph.read("list_visits", scope=caller.scope, status=status, due_before=due, case=case, unit=unit,
                      limit=min(max(limit, 1), 1000))
    return [_view(row["visit"]) for row in rows]


def record_visit(*, graph: Graph, caller: Caller, visit_id: str, satisfaction: str,
                 at: date | datetime | None = None, visitor: str | None = None, method: str | None = None,
                 note: str | None = None, workflow: Workflow | None = None) -> VisitOutcome | None:
    """Record a visit's answer; 满意/基本满意 lowers the case's risk warning one colour; None when unknown or unseen.

    Recording a visit that is already done changes nothing.
    """
    workflow = workflow or load_workflow()
    if caller.role not in workflow.roles.handle:
        raise WorkflowError(f"角色{caller.role}无权回访", status=403)
    at = instant(at)
    row = graph.read_one("get_visit", id=visit_id, scope=caller.scope)
    if row is None:
        return None
    if row["visit"]["status"] != "待回访":
        return VisitOutcome(visit=_view(row["visit"]))
    props = {"status": "已回访", "satisfaction": satisfaction, "visited_at": at,
             "visitor": visitor or caller.username, "method_used": method, "note": note}
    written = graph.write("record_visit", id=visit_id, scope=caller.scope,
                          props={k: v for k, v in props.items() if v is not None})
    change = None
    if written and satisfaction in workflow.visits.satisfied:
        note = f"回访{satisfaction}（{visit_id}），预警降一级"
        change = downgrade_dispute_warning(graph=graph, scope=caller.scope, dispute_id=row["visit"]["dispute_id"],
                                           at=at, by=caller.username, note=note)
    visit = graph.read_one("get_visit", id=visit_id, scope=caller.scope)["visit"]
    return VisitOutcome(visit=_view(visit), warning=change)


def downgrade_dispute_warning(*, graph: Graph, scope: str, dispute_id: str, at: datetime, by: str,
                              note: str) -> WarningChange | None:
    """Lower the dispute's risk warning one colour (blue stays blue), status downgraded, with a history entry."""
    warning = next((w for w in graph.read("list_dispute_warnings", id=dispute_id, scope=scope)
                    if w["id"] == risk_warning_id(dispute_id) and w["status"] != "closed"), None)
    if warning is None:
        return None
    before = warning["colour"]
    colour = COLOURS[min(COLOURS.index(before) + 1, len(COLOURS) - 1)] if before in COLOURS else "blue"
    level = load_rules().levels[colour]
    history = json.loads(warning["history_json"] or "[]")
    history.append({"at": at.isoformat(), "event": "downgraded", "colour": colour, "colour_before": before,
                    "status": "downgraded", "by": by, "note": note})
    # The scorer's own level is kept: a later re-score re-opens the warning only when the risk grew beyond it.
    scored_level = warning["scored_level"] if warning["status"] == "downgraded" and warning["scored_level"] else (
        warning["level"])
    props = {"colour": colour, "level": COLOUR_LEVEL[colour], "level_name": level.name, "leader": level.leader,
             "scored_level": scored_level, "status": "downgraded", "updated_at": datetime.now(UTC),
             "history_json": json.dumps(history, ensure_ascii=False, sort_keys=True, default=str)}
    rows = graph.write("downgrade_warning", id=warning["id"], scope=scope, props=props)
    return WarningChange(id=warning["id"], colour_before=before, colour=colour, status="downgraded") if rows else None


def risk_warning_id(dispute_id: str) -> str:
    """The id of a dispute's risk warning (see WarningDraft.id)."""
    return f"risk:Dispute:{dispute_id}"


def _spot_checked(visit_id: str, share: float) -> bool:
    """A stable choice of `share` of the cases for a spot check."""
    return int(hashlib.sha1(visit_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def _view(visit: Row) -> VisitView:
    return VisitView(**native_row(visit))
