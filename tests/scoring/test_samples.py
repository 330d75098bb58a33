"""Risk scoring of the shared samples: comparison with the risk database, breakdowns, colours, reruns."""

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from app.caller import SYSTEM
from app.db.graph import Graph
from app.disputes.service import dispute_for_report, get_dispute
from app.ingest.hooks import post_ingest_hooks
from app.scoring.rules import default_rules_path, load_rules
from app.scoring.service import post_ingest_hook as score_on_arrival
from app.scoring.service import register_jobs, score_all, score_disputes
from app.warnings.service import get_warning, list_warnings

NIU_POLICE = "police110|J41060320250429153012001"
NIU_DEPARTMENT = "department|市民政局|MZ-2025-0031"
WAGES_HOTLINE = "hotline12345|HB12345-20250509-000212"
WAGES_DEPARTMENT = "department|市人力资源和社会保障局|RS-2025-0107"
SOCIAL_SECURITY = "hotline12345|HB12345-20250508-000041"
NIU_ENTRY = "410603198203151234"
# A day after the samples, so the daily re-score sees every sample dispute inside its window.
SAMPLE_DAY = date(2025, 6, 30)


def _dispute(graph: Graph, report_key: str):
    dispute_id = dispute_for_report(graph=graph, caller=SYSTEM, report_key=report_key)
    assert dispute_id, f"{report_key} has no dispute"
    return get_dispute(graph=graph, caller=SYSTEM, dispute_id=dispute_id)


def _snapshot(graph: Graph) -> dict[str, tuple]:
    ids = [w.id for w in list_warnings(graph=graph, caller=SYSTEM, size=200).items]
    rows = graph.read("get_warnings_by_ids", ids=ids)
    return {r["id"]: (r["status"], r["colour"], r["score"], r["history_json"], r["updated_at"]) for r in rows}


def test_niu_jianjun_police_case_is_red_or_orange_with_its_evidence(sample_graph: Graph) -> None:
    dispute = _dispute(sample_graph, NIU_POLICE)
    assert dispute.score.colour in ("red", "orange")
    items = dispute.score.items
    nodes = {(i["factor"], i["node_label"], i["node_key"]) for i in items}
    assert ("key_person", "KeyPersonEntry", NIU_ENTRY) in nodes
    assert ("notice", "Notice", "TSH-2024-1207") in nodes
    assert any(i["factor"] == "prior_record" and i["node_label"] == "Party" and "牛建军" in i["detail"] for i in items)
    threats = " ".join(i["detail"] for i in items if i["factor"] in ("keyword", "escalation"))
    assert "扬言" in threats and "报复" in threats
    assert all(i["detail"] and i["node_key"] for i in items)
    assert dispute.score.score == pytest.approx(sum(i["points"] for i in items))


def test_niu_jianjun_warning_names_the_leader_and_the_evidence(sample_graph: Graph) -> None:
    dispute = _dispute(sample_graph, NIU_POLICE)
    warning = get_warning(graph=sample_graph, caller=SYSTEM, warning_id=f"risk:Dispute:{dispute.id}")
    assert warning is not None and warning.status == "open"
    rules = load_rules()
    assert warning.colour == dispute.score.colour
    assert warning.leader == rules.levels[warning.colour].leader
    assert warning.level == rules.levels[warning.colour].level
    linked = {(e.factor, e.node_label) for e in warning.evidence}
    assert {("key_person", "KeyPersonEntry"), ("prior_record", "Party"), ("notice", "Notice")} <= linked
    assert warning.target["id"] == dispute.id


def test_niu_jianjun_department_screening_scores_too(sample_graph: Graph) -> None:
    dispute = _dispute(sample_graph, NIU_DEPARTMENT)
    factors = {i["factor"] for i in dispute.score.items}
    assert {"key_person", "notice", "department_risk"} <= factors
    assert dispute.score.colour in ("red", "orange")


def test_niu_jianjun_person_accumulates_both_disputes(sample_graph: Graph) -> None:
    police = _dispute(sample_graph, NIU_POLICE)
    niu = next(p for p in police.persons if p["name"] == "牛建军")
    warning = get_warning(graph=sample_graph, caller=SYSTEM, warning_id=f"risk:Person:{niu['pid']}")
    assert warning is not None and warning.colour == "red"
    department = _dispute(sample_graph, NIU_DEPARTMENT)
    disputes = {e.node_key for e in warning.evidence if e.node_label == "Dispute"}
    assert {police.id, department.id} <= disputes


def test_wage_arrears_dispute_has_group_and_sensitive_flags(sample_graph: Graph) -> None:
    for key in (WAGES_HOTLINE, WAGES_DEPARTMENT):
        dispute = _dispute(sample_graph, key)
        flags = {f.name: f.evidence for f in dispute.flags}
        assert flags.get("group") and flags.get("sensitive"), (key, flags)
        assert dispute.score.colour is not None


def test_key_place_matches_a_wgs84_position_within_the_radius(sample_graph: Graph) -> None:
    dispute = _dispute(sample_graph, "police110|J41061120250612221503002")
    places = [i for i in dispute.score.items if i["factor"] == "key_place"]
    assert [(i["node_label"], "天山路农贸市场" in i["detail"], "米内" in i["detail"]) for i in places] == [
        ("Place", True, True)]


def test_social_security_question_has_no_category_and_no_warning(sample_graph: Graph) -> None:
    assert dispute_for_report(graph=sample_graph, caller=SYSTEM, report_key=SOCIAL_SECURITY) is None
    row = sample_graph.read_one("get_report_with_dispute", key=SOCIAL_SECURITY, scope="")
    assert row["report"].get("category") is None and row["report"]["is_dispute"] is False
    assert row["dispute"] is None
    for summary in list_warnings(graph=sample_graph, caller=SYSTEM, size=200).items:
        warning = get_warning(graph=sample_graph, caller=SYSTEM, warning_id=summary.id)
        assert SOCIAL_SECURITY not in {e.node_key for e in warning.evidence}


def test_every_warning_evidence_points_at_real_nodes(sample_graph: Graph) -> None:
    summaries = list_warnings(graph=sample_graph, caller=SYSTEM, size=200).items
    assert summaries
    stored = {r["id"]: r for r in sample_graph.read("get_warnings_by_ids", ids=[w.id for w in summaries])}
    for summary in summaries:
        warning = get_warning(graph=sample_graph, caller=SYSTEM, warning_id=summary.id)
        assert warning.target.get(_key_property(warning.target_label)) == warning.target_key
        linked = sorted((e.factor, e.node_label, e.node_key) for e in warning.evidence)
        claimed = sorted((e["factor"], e["node_label"], e["node_key"])
                         for e in json.loads(stored[summary.id]["evidence_json"]))
        assert linked == claimed, summary.id
        assert all(e.detail for e in warning.evidence)


def test_a_threshold_in_a_copied_config_changes_colours(sample_graph: Graph, tmp_path: Path) -> None:
    police = _dispute(sample_graph, NIU_POLICE)
    data = yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))
    data["version"] = "test-high-red"
    data["thresholds"] = {"red": 1000, "orange": 900, "yellow": 800, "blue": police.score.score}
    path = tmp_path / "scoring.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        score_disputes(graph=sample_graph, scope="", dispute_ids=[police.id], rules=load_rules(path))
        rescored = _dispute(sample_graph, NIU_POLICE)
        assert rescored.score.colour == "blue" and rescored.score.rule_version == "test-high-red"
        warning = get_warning(graph=sample_graph, caller=SYSTEM, warning_id=f"risk:Dispute:{police.id}")
        assert warning.colour == "blue" and warning.history[-1]["colour"] == "blue"
    finally:
        score_disputes(graph=sample_graph, scope="", dispute_ids=[police.id])
    assert _dispute(sample_graph, NIU_POLICE).score.colour == police.score.colour


def test_rescoring_twice_changes_no_warning(sample_graph: Graph) -> None:
    score_all(graph=sample_graph, scope="", as_of=SAMPLE_DAY)
    first = _snapshot(sample_graph)
    run = score_all(graph=sample_graph, scope="", as_of=SAMPLE_DAY)
    assert run.disputes_scored > 0 and run.warnings_closed == 0
    assert _snapshot(sample_graph) == first


def _key_property(label: str | None) -> str:
    return {"Dispute": "id", "Person": "pid", "Area": "code"}.get(label or "", "key")


def test_daily_rescore_closes_warnings_out_of_the_window_and_keeps_them(sample_graph: Graph) -> None:
    before = _snapshot(sample_graph)
    risk = [i for i in before if i.startswith("risk:")]
    run = score_all(graph=sample_graph, scope="", as_of=date(2027, 1, 1))
    assert run.disputes_scored == 0 and run.warnings_closed == len(risk)
    after = _snapshot(sample_graph)
    assert after.keys() == before.keys()
    assert {after[i][0] for i in risk} == {"closed"}
    score_all(graph=sample_graph, scope="", as_of=SAMPLE_DAY)
    assert {_snapshot(sample_graph)[i][0] for i in risk} == {"open"}


def test_register_jobs_adds_the_daily_rescore() -> None:
    class Recorder:
        def __init__(self) -> None:
            self.jobs: list[dict] = []

        def add_job(self, func, trigger, **options) -> None:
            self.jobs.append({"func": func, "trigger": trigger, **options})

    scheduler = Recorder()
    register_jobs(scheduler, lambda: None)
    rules = load_rules()
    assert [(j["id"], j["trigger"], j["hour"], j["minute"]) for j in scheduler.jobs] == [
        ("risk-rescore", "cron", rules.schedule.hour, rules.schedule.minute)]
    assert score_on_arrival in post_ingest_hooks()
