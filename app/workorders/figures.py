"""Closed-loop figures: 办结率, 回访率, 满意率, resolution time and overdue counts per unit or area."""

from datetime import date, datetime, timedelta
from typing import Any, Literal

from app.caller import Caller
from app.db.graph import Graph
from app.workorders.config import Workflow, day_start, instant, load_workflow
from app.workorders.models import FigureRow, FiguresReport
from app.workorders.service import ladder_param

Row = dict[str, Any]
# The length of the area codes one level below a prefix of this length.
NEXT_LEVEL = {0: 6, 2: 6, 4: 6, 6: 9, 9: 12, 12: 15, 15: 15}


def figures(*, graph: Graph, caller: Caller, group_by: Literal["unit", "area"] = "unit", area: str | None = None,
            date_from: date | None = None, date_to: date | None = None, as_of: date | datetime | None = None,
            workflow: Workflow | None = None) -> FiguresReport:
    """Figures of the orders dispatched between two Beijing days (inclusive) inside `area` and the caller's scope.

    Grouped per unit, or per area one level below `area` (districts for the whole city).
    """
    workflow = workflow or load_workflow()
    as_of = instant(as_of)
    prefix = _prefix(caller.scope, area)
    start, end = day_start(date_from), day_start(date_to + timedelta(days=1)) if date_to else None
    report = FiguresReport(group_by=group_by, area=prefix or area or "", date_from=start, date_to=end, as_of=as_of,
                           rows=[], total=_empty())
    if prefix is None:
        return report
    params = {
        "scope": caller.scope, "area": prefix, "length": NEXT_LEVEL.get(len(prefix), 15), "date_from": start,
        "date_to": end, "as_of": as_of, "ladder": ladder_param(workflow), "satisfied": workflow.visits.satisfied,
    }
    report.rows = [_row(r) for r in graph.read("summarise_work_orders", **params, group_by=group_by)]
    total = graph.read("summarise_work_orders", **params, group_by="all")
    if total:
        report.total = _row(total[0])
    return report


def _prefix(scope: str, area: str | None) -> str | None:
    """The narrower of the caller's scope and the requested area; None when they do not overlap."""
    if not area:
        return scope
    if area.startswith(scope):
        return area
    return scope if scope.startswith(area) else None


def _row(row: Row) -> FigureRow:
    by_step: dict[str, int] = {}
    for missed in row["missed"]:
        for code in missed:
            by_step[code] = by_step.get(code, 0) + 1
    return FigureRow(
        key=row["key"], name=row["name"], dispatched=row["dispatched"], resolved=row["resolved"],
        completion_rate=_rate(row["resolved"], row["dispatched"]), visits_scheduled=row["visits_scheduled"],
        visited=row["visited"], return_visit_rate=_rate(row["resolved_visited"], row["resolved"]),
        rated=row["rated"], satisfied=row["satisfied"], satisfaction_rate=_rate(row["satisfied"], row["rated"]),
        mean_resolution_hours=_round(row["mean_hours"]), median_resolution_hours=_round(row["median_hours"]),
        overdue_by_step=by_step, overdue=sum(1 for missed in row["missed"] if missed),
    )


def _empty() -> FigureRow:
    return _row({"key": "*", "name": None, "dispatched": 0, "resolved": 0, "visits_scheduled": 0, "visited": 0,
                 "resolved_visited": 0, "rated": 0, "satisfied": 0, "mean_hours": None, "median_hours": None,
                 "missed": []})


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _round(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None
