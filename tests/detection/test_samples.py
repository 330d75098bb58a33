"""Detection on the shared samples: the 长风 leak series, 牛建军's prior record, 恒达's claimants, reruns."""

from datetime import date, datetime

from app.caller import SYSTEM
from app.db.graph import Graph
from app.detection.service import detect_all, detect_disputes, dispute_routes, similar_links
from app.detection.similarity import series
from app.disputes.service import dispute_for_report
from app.warnings.service import get_warning, list_warnings
from tests.detection.fixtures import BEIJING

CHANGFENG = "410603002003"
LEAK_REPORTS = (
    "police110|J41060320250503090022004",
    "grid|WG-410603002003001-20250506-0007",
    "hotline12345|HB12345-20250507-000123",
    "qrcode|QHM-202505070702-0977",
    "department|市住房和城乡建设局|ZJ-2025-0412",
)
NIU_POLICE = "police110|J41060320250429153012001"
NIU_DEPARTMENT = "department|市民政局|MZ-2025-0031"
NIU_ENTRY = "410603198203151234"
HENGDA = "鹤壁市恒达建筑劳务有限公司"
SAMPLE_DAY = date(2025, 6, 30)


def _dispute(graph: Graph, report_key: str) -> str:
    dispute_id = dispute_for_report(graph=graph, caller=SYSTEM, report_key=report_key)
    assert dispute_id, f"{report_key} has no dispute"
    return dispute_id


def _all_disputes(graph: Graph) -> list[str]:
    start, end = datetime(2020, 1, 1, tzinfo=BEIJING), datetime(2030, 1, 1, tzinfo=BEIJING)
    return [row["id"] for row in graph.read("list_disputes_in_period", start=start, end=end, scope="")]


def _find(graph: Graph, kind: str, key: str):
    page = list_warnings(graph=graph, caller=SYSTEM, kind=kind, size=200)
    found = [w for w in page.items if w.target_key == key]
    assert len(found) == 1, [w.id for w in page.items]
    return get_warning(graph=graph, caller=SYSTEM, warning_id=found[0].id)


def test_changfeng_leak_reports_are_one_series_each_incident_counted_once(sample_graph: Graph) -> None:
    disputes = sorted({_dispute(sample_graph, key) for key in LEAK_REPORTS})
    assert 2 <= len(disputes) < len(LEAK_REPORTS), "ingest merges the reports of one incident"
    links = similar_links(graph=sample_graph, scope="", dispute_ids=disputes)
    assert series(disputes, [(link.source, link.target) for link in links]) == [disputes]
    warning = get_warning(graph=sample_graph, caller=SYSTEM, warning_id=f"repeat:Area:{CHANGFENG}|物业纠纷")
    assert warning is not None and warning.target["code"] == CHANGFENG
    assert warning.figures["count"] == len(disputes)
    assert warning.title == f"该社区近期第{len(disputes)}起类似纠纷（物业纠纷）"
    assert sorted(e.node_key for e in warning.evidence) == disputes
    merged = [e.detail for e in warning.evidence if "3份报告" in e.detail]
    assert merged and "网格上报" in merged[0] and "扫码上报" in merged[0] and "12345热线" in merged[0]


def test_niu_jianjun_prior_record_cites_notice_entry_department_and_police(sample_graph: Graph) -> None:
    police, department = _dispute(sample_graph, NIU_POLICE), _dispute(sample_graph, NIU_DEPARTMENT)
    warnings = [w for w in list_warnings(graph=sample_graph, caller=SYSTEM, kind="prior_record", size=50).items
                if "牛建军" in w.title]
    assert len(warnings) == 1
    warning = get_warning(graph=sample_graph, caller=SYSTEM, warning_id=warnings[0].id)
    assert warning.target_label == "Person" and warning.colour == "red"
    cited = {(e.factor, e.node_label, e.node_key) for e in warning.evidence}
    assert ("notice", "Notice", "TSH-2024-1207") in cited
    assert ("key_person", "KeyPersonEntry", NIU_ENTRY) in cited
    assert ("police_prior", "Report", NIU_POLICE) in cited
    assert ("earlier_dispute", "Dispute", department) in cited
    assert ("current_dispute", "Dispute", police) in cited
    earlier = next(e for e in warning.evidence if e.factor == "earlier_dispute")
    assert NIU_DEPARTMENT in earlier.detail
    route = dispute_routes(graph=sample_graph, scope="", dispute_ids=[police])[police]
    assert route["routed_to"] == sample_graph.read("get_detection_disputes", ids=[department], scope="")[0][
        "area_code"]
    assert "最近一次纠纷" in route["reason"]


def test_hengda_is_a_respondent_risk_naming_its_claimants(sample_graph: Graph) -> None:
    # The default thresholds fire on the samples: three named claimants reach yellow; the 20-odd workers
    # the records state are one incident's size, which gives yellow at most (config/detection.yaml).
    warning = _find(sample_graph, "respondent", HENGDA)
    assert warning.colour == "yellow" and "涉众" in warning.title
    assert warning.figures["reached"] == "claimants,people"
    claimants = {e.detail.split("：")[0].removeprefix("当事人") for e in warning.evidence if e.factor == "claimant"}
    assert claimants == {"张国庆", "王小虎", "刘大勇"}
    assert all(e.node_label == "Person" for e in warning.evidence if e.factor == "claimant")
    assert "张国庆" in warning.reasons[1] and warning.figures["people"] >= 20
    wages = _dispute(sample_graph, "department|市人力资源和社会保障局|RS-2025-0107")
    assert {e.node_key for e in warning.evidence if e.factor == "respondent_dispute"} == {wages}


def test_detection_twice_leaves_warnings_and_links_unchanged(sample_graph: Graph) -> None:
    ids = _all_disputes(sample_graph)
    detect_disputes(graph=sample_graph, scope="", dispute_ids=ids)
    before = _snapshot(sample_graph, ids)
    detect_disputes(graph=sample_graph, scope="", dispute_ids=ids)
    assert _snapshot(sample_graph, ids) == before
    detect_all(graph=sample_graph, scope="", as_of=SAMPLE_DAY)
    after_full = _snapshot(sample_graph, ids)
    assert set(after_full["warnings"]) == set(before["warnings"])
    detect_all(graph=sample_graph, scope="", as_of=SAMPLE_DAY)
    assert _snapshot(sample_graph, ids) == after_full


def _snapshot(graph: Graph, dispute_ids: list[str]) -> dict:
    kinds = ("repeat", "respondent", "prior_record", "surge")
    items = [w for kind in kinds for w in list_warnings(graph=graph, caller=SYSTEM, kind=kind, size=200).items]
    rows = graph.read("get_warnings_by_ids", ids=sorted(w.id for w in items))
    return {
        "warnings": {r["id"]: (r["status"], r["colour"], r["score"], r["history_json"], r["updated_at"]) for r in rows},
        "links": [link.model_dump() for link in similar_links(graph=graph, scope="", dispute_ids=dispute_ids)],
        "routes": dispute_routes(graph=graph, scope="", dispute_ids=dispute_ids),
    }
