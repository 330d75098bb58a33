"""The closed loop on a sample case: dispatch, the supervision ladder by the clock, resolution, return visit,
colour downgrade, closure (销号); then a recurrence loaded through ingest names the unit that closed it."""

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from app.caller import SYSTEM, Caller
from app.db.graph import Graph
from app.disputes.service import dispute_for_report
from app.ingest.reference import person_pid
from app.ingest.service import load_paths
from app.notices.service import get_notice, issue_notice
from app.scoring.service import score_disputes
from app.settings import Settings
from app.warnings.service import get_warning
from app.workorders import service
from app.workorders.models import WorkflowError
from app.workorders.routing import propose_routing
from app.workorders.visits import list_dispute_visits, record_visit

BEIJING = timezone(timedelta(hours=8))
T0 = datetime(2025, 4, 30, 9, 0, tzinfo=BEIJING)
CENTRE = Caller(username="sc-centre", role="staff", area_code="410603", client="test")
QIBIN = Caller(username="qb-centre", role="staff", area_code="410611", client="test")
REPORT = "police110|J41060320250429153012001"
NIU, SHANG = "410603198203151234", "410603198803122023"


def _at(days: float = 0, hours: float = 0) -> datetime:
    return T0 + timedelta(days=days, hours=hours)


def _run_clock(graph: Graph, dispute_id: str) -> dict[str, Any]:
    """Drive one case through the loop; returns what each step answered."""
    seen: dict[str, Any] = {"proposal": propose_routing(graph=graph, caller=CENTRE, dispute_id=dispute_id, at=T0)}
    lead = seen["proposal"].lead.code
    order = service.dispatch(graph=graph, caller=CENTRE, dispute_id=dispute_id, unit_code=lead,
                             responsible_person="王主任", at=T0)
    seen["order"] = order
    seen["before_sign_due"] = service.supervise(graph=graph, scope=CENTRE.scope, as_of=_at(hours=3.5))
    seen["sign_late"] = service.supervise(graph=graph, scope=CENTRE.scope, as_of=_at(hours=4.25))
    seen["sign_late_again"] = service.supervise(graph=graph, scope=CENTRE.scope, as_of=_at(hours=4.25))
    service.sign(graph=graph, caller=CENTRE, order_id=order.id, at=_at(hours=5))
    for label, day in (("reply_late", 9), ("supervise", 15), ("escalate", 30)):
        seen[label] = service.supervise(graph=graph, scope=CENTRE.scope, as_of=_at(days=day, hours=1))
    service.reply(graph=graph, caller=CENTRE, order_id=order.id, text="已约谈双方，正在调解", at=_at(days=31))
    seen["resolved"] = service.resolve(graph=graph, caller=CENTRE, order_id=order.id, outcome="达成抚养费支付协议",
                                       at=_at(days=32))
    seen["visits"] = list_dispute_visits(graph=graph, scope=CENTRE.scope, dispute_id=dispute_id)
    seen["visit"] = record_visit(graph=graph, caller=CENTRE, visit_id=seen["visits"][0].id, satisfaction="满意",
                                 at=_at(days=36), note="双方均表示满意")
    seen["visit_again"] = record_visit(graph=graph, caller=CENTRE, visit_id=seen["visits"][0].id,
                                       satisfaction="满意", at=_at(days=37))
    seen["downgraded"] = get_warning(graph=graph, caller=CENTRE, warning_id=f"risk:Dispute:{dispute_id}")
    score_disputes(graph=graph, scope=CENTRE.scope, dispute_ids=[dispute_id])
    seen["rescored"] = get_warning(graph=graph, caller=CENTRE, warning_id=f"risk:Dispute:{dispute_id}")
    seen["closure"] = service.close_dispute(
        graph=graph, caller=CENTRE, dispute_id=dispute_id, outcome="达成抚养费支付协议，双方签字",
        mediation_agreement="调解协议书（2025）山调字第18号", mediation_notes="分期支付抚养费，探视时间书面约定",
        at=_at(days=40))
    seen["closed_warning"] = get_warning(graph=graph, caller=CENTRE, warning_id=f"risk:Dispute:{dispute_id}")
    seen["final"] = service.get_work_order(graph=graph, caller=CENTRE, order_id=order.id, as_of=_at(days=41))
    return seen


@pytest.fixture(scope="module")
def clock(sample_graph: Graph) -> dict[str, Any]:
    dispute_id = dispute_for_report(graph=sample_graph, caller=SYSTEM, report_key=REPORT)
    return {"dispute_id": dispute_id, **_run_clock(sample_graph, dispute_id)}


def test_red_case_goes_to_the_district_command_centre(clock: dict[str, Any]) -> None:
    proposal, order = clock["proposal"], clock["order"]
    assert proposal.colour == "red" and proposal.lead.code == "410603-ZZZX"
    assert proposal.case_code.startswith("AJ410603-20250429")
    assert order.case_code == proposal.case_code and order.area_code == "410603002003002"
    assert order.sign_due == _at(hours=4) and order.reply_due == _at(days=9)
    assert order.supervise_due == _at(days=15) and order.escalate_due == _at(days=30)


def test_each_missed_deadline_is_recorded_once_by_the_clock(clock: dict[str, Any]) -> None:
    order_id = clock["order"].id
    assert clock["before_sign_due"].recorded == []
    assert [(s.order_id, s.code) for s in clock["sign_late"].recorded] == [(order_id, "sign")]
    assert clock["sign_late"].overdue[0].unit_code == "410603-ZZZX"
    assert clock["sign_late_again"].recorded == []
    assert [s.code for s in clock["reply_late"].recorded] == ["reply"]
    assert [s.code for s in clock["supervise"].recorded] == ["supervise"]
    assert [s.code for s in clock["escalate"].recorded] == ["escalate"]
    assert clock["escalate"].recorded[0].escalated_to is None, "the command centre itself cannot be escalated to"
    final = clock["final"]
    assert final.status == "已办结" and final.supervision_level == 4 and final.supervision_name == "提级办理"
    assert final.supervision_codes == ["sign", "reply", "supervise", "escalate"]
    events = [(e.event, getattr(e, "code", None)) for e in final.history]
    assert events == [("dispatched", None), ("supervision", "sign"), ("sign", None), ("supervision", "reply"),
                      ("supervision", "supervise"), ("supervision", "escalate"), ("reply", None), ("resolve", None)]


def test_resolution_schedules_visits_and_a_good_visit_downgrades_the_colour(clock: dict[str, Any]) -> None:
    visits = clock["visits"]
    assert [(v.method, v.due_at) for v in visits] == [("上门回访", _at(days=39)), ("上门回访", _at(days=62))]
    assert all(v.case_code == clock["order"].case_code for v in visits)
    outcome = clock["visit"]
    assert outcome.visit.status == "已回访" and outcome.visit.satisfaction == "满意"
    assert (outcome.warning.colour_before, outcome.warning.colour) == ("red", "orange")
    assert clock["visit_again"].warning is None, "recording a visit twice downgrades once"
    warning = clock["downgraded"]
    assert warning.colour == "orange" and warning.level == 2 and warning.status == "downgraded"
    assert warning.history[-1]["event"] == "downgraded"


def test_a_rescore_with_no_new_risk_keeps_the_visit_downgrade(clock: dict[str, Any]) -> None:
    rescored = clock["rescored"]
    assert (rescored.colour, rescored.level, rescored.status) == ("orange", 2, "downgraded")
    assert [e["event"] for e in rescored.history][-1] in ("downgraded", "updated")
    assert "escalated" not in [e["event"] for e in rescored.history]


def test_closure_records_the_outcome_and_closes_the_warning(clock: dict[str, Any], sample_graph: Graph) -> None:
    closure = clock["closure"]
    assert closure.status == "closed" and closure.closed_by_unit == "410603-ZZZX" and closure.closed_at == _at(days=40)
    assert f"risk:Dispute:{clock['dispute_id']}" in closure.warnings_closed
    assert clock["closed_warning"].status == "closed"
    assert clock["closed_warning"].history[-1]["note"] == "案件已化解销号"
    row = sample_graph.read_one("get_dispute_detail", id=clock["dispute_id"], scope="")["dispute"]
    assert row["resolution_outcome"].startswith("达成抚养费支付协议") and row["mediation_agreement"]
    assert row["mediation_notes"] and row["closed_by_unit"] == "410603-ZZZX"
    again = service.close_dispute(graph=sample_graph, caller=CENTRE, dispute_id=clock["dispute_id"], outcome="改写",
                                  at=_at(days=50))
    assert again.closed_at == _at(days=40) and again.resolution_outcome == closure.resolution_outcome
    with pytest.raises(WorkflowError):
        service.dispatch(graph=sample_graph, caller=CENTRE, dispute_id=clock["dispute_id"], unit_code="410603-ZZZX",
                         responsible_person="王", at=_at(days=51))
    assert service.close_dispute(graph=sample_graph, caller=QIBIN, dispute_id=clock["dispute_id"], outcome="x") is None


def test_a_new_police_record_of_the_same_parties_is_flagged_with_the_closing_unit(
        clock: dict[str, Any], sample_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    record = {
        "JJDBH": "J41060320250720201500009", "BJSJ": "20250720201500", "BJRXM": "尚雪梅", "BJRZJHM": SHANG,
        "BJDH": "13569281234", "SFDZ": "山城区红旗街道长风社区长风小区5号楼2单元", "XZQH": "410603",
        "JD": 114.1862, "WD": 35.9003, "JQLBMC": "纠纷-家庭纠纷",
        "BJNR": "报警人称前夫牛建军又来家中索要女儿，因抚养费再次发生争吵，要求出警。",
        "CJDW": "山城区公安分局红旗派出所", "CJJG": "",
        "DSR": [{"XM": "尚雪梅", "ZJHM": SHANG, "LXDH": "13569281234", "SF": "报警人", "QKBS": "0"},
                {"XM": "牛建军", "ZJHM": NIU, "LXDH": "", "SF": "对方当事人", "QKBS": "1"}],
    }
    path = tmp_path / "police110.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    load_paths(graph=sample_graph, settings=settings, caller=SYSTEM, paths=[path])
    new_id = dispute_for_report(graph=sample_graph, caller=SYSTEM, report_key=f"police110|{record['JJDBH']}")
    assert new_id and new_id != clock["dispute_id"]
    warning = get_warning(graph=sample_graph, caller=CENTRE, warning_id=f"recurrence:Dispute:{new_id}")
    assert warning is not None and warning.kind == "recurrence" and warning.status == "open"
    assert warning.colour == "orange", "the case was orange when it closed"
    assert warning.figures["accountable_unit"] == "410603-ZZZX"
    assert any("山城区综治中心" in reason and "问责" in reason for reason in warning.reasons)
    assert clock["closure"].case_code in warning.title
    assert {(e.node_key, e.factor) for e in warning.evidence} >= {(clock["dispute_id"], "recurrence_same_parties")}
    from app.workorders.recurrence import check_recurrence

    again = check_recurrence(graph=sample_graph, scope="", dispute_ids=[new_id])
    assert [f.closed_cases[0].closed_by_unit for f in again] == ["410603-ZZZX"]
    assert len(get_warning(graph=sample_graph, caller=CENTRE, warning_id=warning.id).history) == 1


def test_notices_are_numbered_linked_and_counted_as_history(clock: dict[str, Any], sample_graph: Graph) -> None:
    niu = person_pid(NIU)
    tip = issue_notice(graph=sample_graph, caller=CENTRE, kind="工作提示单", person_pid=niu, unit="410603-PCS-HQ",
                       reason="刑满释放后关注其与前妻的抚养费矛盾", at=datetime(2025, 4, 20, 10, 0, tzinfo=BEIJING))
    assert tip.code == "TSH-2025-0001" and tip.kind == "工作提示函" and tip.name == "牛建军"
    assert tip.receiver == "山城区公安分局红旗派出所" and tip.issuer == "山城区综治中心"
    assert tip.issued_at == date(2025, 4, 20) and tip.issued_time.hour == 10
    counted = sample_graph.read("compare_notices", ids=[clock["dispute_id"]], scope="", notice_days=730)
    assert tip.code in {row["code"] for row in counted}, "scoring counts the notice as the person's history"
    at = datetime(2025, 6, 20, 10, 0, tzinfo=BEIJING)
    letter = issue_notice(graph=sample_graph, caller=CENTRE, kind="风险警示函", person_pid=niu,
                          dispute_id=clock["closure"].case_code, unit="410603002-JDB",
                          reason="化解后仍有反复风险，请落实稳控", at=at)
    assert letter.code == "JSH-2025-0001" and letter.receiver == "红旗街道办事处"
    assert letter.case_code == clock["closure"].case_code and letter.dispute_id == clock["dispute_id"]
    retry = issue_notice(graph=sample_graph, caller=CENTRE, kind="风险警示函", person_pid=niu,
                         dispute_id=clock["dispute_id"], unit="410603002-JDB", reason="重复提交", at=at)
    assert retry.code == letter.code
    second = issue_notice(graph=sample_graph, caller=CENTRE, kind="风险警示函", dispute_id=clock["dispute_id"],
                          unit="410603002-JDB", reason="第二份", at=at + timedelta(days=1))
    assert second.code == "JSH-2025-0002" and second.person_pid is None
    assert issue_notice(graph=sample_graph, caller=QIBIN, kind="风险警示函", person_pid=niu, unit="410611004-JDB",
                        reason="x", at=at) is None
    assert get_notice(graph=sample_graph, caller=QIBIN, code=letter.code) is None
