"""Figures of 20 work orders with known outcomes match a direct count; supervision is idempotent."""

from datetime import date, datetime, timedelta
from statistics import mean, median

import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.workorders import service
from app.workorders.figures import figures
from app.workorders.visits import list_visits, record_visit
from tests.detection.fixtures import COMMUNITIES
from tests.workorders.fixtures import GRID_WORKER, STAFF, T0, build_district, dispute_id

COUNT = 20
AS_OF = T0 + timedelta(days=60)
SIGN, REPLY, SUPERVISE, ESCALATE = timedelta(hours=4), timedelta(days=9), timedelta(days=15), timedelta(days=30)


def _plan(n: int) -> dict:
    """What happens to the n-th order: unit, sign, reply, resolve and visit answer (None = never)."""
    dispatched = T0 + timedelta(hours=n)
    signed = None if n % 5 == 0 else dispatched + (timedelta(hours=2) if n % 3 else timedelta(hours=6))
    resolved = dispatched + timedelta(days=1 + n) if signed and n % 4 != 3 else None
    replied = dispatched + timedelta(days=3) if resolved and n % 2 == 0 else None
    answer = {0: "满意", 2: "基本满意", 4: "不满意"}.get(n % 6) if resolved and n % 2 == 0 else None
    unit = f"{COMMUNITIES[n % 4]}-JWH" if n % 2 == 0 else "410603002-JDB"
    return {"n": n, "unit": unit, "dispatched": dispatched, "signed": signed, "replied": replied,
            "resolved": resolved, "answer": answer}


PLANS = [_plan(n) for n in range(COUNT)]


@pytest.fixture(scope="module")
def orders(graph: Graph) -> dict[int, str]:
    from app.db.schema import wipe

    wipe(graph)
    build_district(graph, COUNT)
    ids = {}
    for p in PLANS:
        order = service.dispatch(graph=graph, caller=STAFF, dispute_id=dispute_id(p["n"]), unit_code=p["unit"],
                                 responsible_person=f"负责人{p['n']}", at=p["dispatched"])
        ids[p["n"]] = order.id
        if p["signed"]:
            service.sign(graph=graph, caller=GRID_WORKER if p["n"] % 4 == 0 else STAFF, order_id=order.id,
                         at=p["signed"])
        if p["replied"]:
            service.reply(graph=graph, caller=STAFF, order_id=order.id, text="正在调解", at=p["replied"])
        if p["resolved"]:
            service.resolve(graph=graph, caller=STAFF, order_id=order.id, outcome="已化解", at=p["resolved"])
        if p["answer"]:
            visit = list_visits(graph=graph, caller=STAFF, case=dispute_id(p["n"]))[0]
            record_visit(graph=graph, caller=STAFF, visit_id=visit.id, satisfaction=p["answer"],
                         at=p["resolved"] + timedelta(days=3))
    return ids


def _missed(p: dict) -> list[str]:
    """The ladder steps a plan misses, counted by hand."""
    d, missed = p["dispatched"], []
    if p["signed"] is None or p["signed"] > d + SIGN:
        missed.append("sign")
    answered = p["replied"] or p["resolved"]
    if answered is None or answered > d + REPLY:
        missed.append("reply")
    for code, limit in (("supervise", SUPERVISE), ("escalate", ESCALATE)):
        if p["resolved"] is None or p["resolved"] > d + limit:
            missed.append(code)
    return missed


def _expected(plans: list[dict]) -> dict:
    resolved = [p for p in plans if p["resolved"]]
    hours = [(p["resolved"] - p["dispatched"]).total_seconds() / 3600 for p in resolved]
    rated = [p for p in plans if p["answer"]]
    by_step: dict[str, int] = {}
    for p in plans:
        for code in _missed(p):
            by_step[code] = by_step.get(code, 0) + 1
    return {
        "dispatched": len(plans), "resolved": len(resolved), "visits_scheduled": len(resolved),
        "visited": len(rated), "rated": len(rated),
        "satisfied": sum(1 for p in rated if p["answer"] in ("满意", "基本满意")),
        "mean": round(mean(hours), 2) if hours else None, "median": round(median(hours), 2) if hours else None,
        "by_step": by_step, "overdue": sum(1 for p in plans if _missed(p)),
    }


def test_figures_per_unit_match_a_direct_count(orders: dict[int, str], graph: Graph) -> None:
    report = figures(graph=graph, caller=STAFF, group_by="unit", as_of=AS_OF)
    assert {row.key for row in report.rows} == {p["unit"] for p in PLANS}
    for row in [*report.rows, report.total]:
        plans = [p for p in PLANS if row.key in ("*", p["unit"])]
        want = _expected(plans)
        got = {"dispatched": row.dispatched, "resolved": row.resolved, "visits_scheduled": row.visits_scheduled,
               "visited": row.visited, "rated": row.rated, "satisfied": row.satisfied,
               "mean": row.mean_resolution_hours, "median": row.median_resolution_hours,
               "by_step": row.overdue_by_step, "overdue": row.overdue}
        assert got == want, row.key
        assert row.completion_rate == round(want["resolved"] / want["dispatched"], 4)
        if want["resolved"]:
            assert row.return_visit_rate == round(want["visited"] / want["resolved"], 4)
    assert report.rows[0].name


def test_figures_per_area_and_period(orders: dict[int, str], graph: Graph) -> None:
    report = figures(graph=graph, caller=STAFF, group_by="area", area="410603002", as_of=AS_OF)
    assert {row.key for row in report.rows} == set(COMMUNITIES)
    assert sum(row.dispatched for row in report.rows) == COUNT
    first_day = figures(graph=graph, caller=SYSTEM, group_by="area", date_from=date(2025, 3, 3),
                        date_to=date(2025, 3, 3), as_of=AS_OF)
    assert [(row.key, row.dispatched) for row in first_day.rows] == [("410603", 15)]
    outside = figures(graph=graph, caller=STAFF, area="410611", as_of=AS_OF)
    assert outside.rows == [] and outside.total.dispatched == 0


def test_the_supervision_pass_is_scheduled() -> None:
    jobs = []

    class Scheduler:
        def add_job(self, func, trigger, **kwargs) -> None:
            jobs.append((trigger, kwargs["id"], kwargs["minutes"]))

    service.register_jobs(Scheduler(), lambda: None)
    assert jobs == [("interval", "workorder-supervision", 15)]


def test_supervision_records_each_step_once_and_escalates_to_the_command_centre(orders: dict[int, str],
                                                                               graph: Graph) -> None:
    first = service.supervise(graph=graph, scope=STAFF.scope, as_of=AS_OF)
    open_plans = [p for p in PLANS if p["resolved"] is None]
    assert first.checked == len(open_plans)
    assert sorted((s.order_id, s.code) for s in first.recorded) == sorted(
        (orders[p["n"]], code) for p in open_plans for code in _missed(p))
    escalated = {s.order_id: s.escalated_to for s in first.recorded if s.code == "escalate"}
    assert set(escalated.values()) == {"410603-ZZZX"}
    assert sum(u.orders for u in first.overdue) == len(open_plans)
    assert all(set(u.by_step) == {"escalate"} for u in first.overdue)
    histories = {p["n"]: len(service.get_work_order(graph=graph, caller=STAFF, order_id=orders[p["n"]]).history)
                 for p in open_plans}
    second = service.supervise(graph=graph, scope=STAFF.scope, as_of=AS_OF)
    assert second.recorded == [] and second.checked == first.checked
    assert histories == {p["n"]: len(service.get_work_order(graph=graph, caller=STAFF, order_id=orders[p["n"]]).history)
                         for p in open_plans}
    order = service.get_work_order(graph=graph, caller=STAFF, order_id=orders[open_plans[0]["n"]])
    assert order.supervision_level == 4 and order.supervision_name == "提级办理"
    assert order.escalated_to == "410603-ZZZX"
    late = service.list_work_orders(graph=graph, caller=STAFF, overdue=True, as_of=AS_OF)
    assert {o.id for o in late.items} == {orders[p["n"]] for p in open_plans} and late.total == len(open_plans)
    in_time = service.list_work_orders(graph=graph, caller=STAFF, overdue=True, as_of=datetime(2025, 3, 3, 9, 30,
                                                                                             tzinfo=T0.tzinfo))
    assert in_time.total == 0


def test_cli_commands_are_registered() -> None:
    from typer.testing import CliRunner

    from app.cli import app

    runner = CliRunner()
    assert "--as-of" in runner.invoke(app, ["supervise", "--help"]).output
    assert "load" in runner.invoke(app, ["units", "--help"]).output
