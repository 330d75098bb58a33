"""The shared path on export variants the samples do not show: every record is loaded or quarantined."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.ingest import service
from app.ingest.reference import load_reference
from app.settings import Settings
from loaders.normalise import BEIJING
from loaders.pipeline import _alias_form, _alias_targets
from tests.conftest import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "工单编号,来电时间,来电人,来电号码,诉求类型,诉求标题,诉求内容,诉求地址,所属区县,承办单位,办结时限,工单状态"


@pytest.fixture
def reference_graph(empty_graph: Graph, settings: Settings) -> Graph:
    """An empty graph with the sample reference data."""
    load_reference(graph=empty_graph, settings=settings, directory=SAMPLES / "reference")
    return empty_graph


def _report(graph: Graph, key: str) -> dict | None:
    return service.get_report(graph=graph, caller=SYSTEM, channel=key.split("|")[0], source_id=key.split("|", 1)[1])


def _load(graph: Graph, settings: Settings, *paths: Path) -> dict[str, int]:
    return service.load_paths(graph=graph, settings=settings, caller=SYSTEM, paths=list(paths), hooks=[]).totals()


def test_overlong_values_do_not_stop_the_load(reference_graph: Graph, settings: Settings, tmp_path: Path) -> None:
    rows = [
        "HB-LONG-NAME,2025-06-02 10:00:00," + "李" * 6000 + ",13803921234,投诉,漏水,楼道漏水。,,,,,已派单",
        "HB-" + "9" * 9000 + ",2025-06-02 10:00:00,赵女士,13803921236,投诉,漏水,楼道漏水。,,,,,已派单",
        "HB-AFTER,2025-06-02 10:00:00,王先生,13803921237,投诉,漏水,楼道漏水。,,,,,已派单",
    ]
    path = tmp_path / "hotline12345_long.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert _load(reference_graph, settings, path) == {
        "read": 3, "new": 2, "updated": 0, "unchanged": 0, "quarantined": 1,
    }  # fmt: skip
    [entry] = service.list_quarantine(graph=reference_graph, channel="hotline12345")
    assert entry["line"] == 3 and entry["reason"].startswith("工单编号: 9003 characters")
    long_name = _report(reference_graph, "hotline12345|HB-LONG-NAME")
    assert long_name is not None and [p["name"] for p in long_name["parties"]] == [None]
    assert _report(reference_graph, "hotline12345|HB-AFTER") is not None


def test_variant_exports_load_every_record_in_beijing_time(reference_graph: Graph, settings: Settings) -> None:
    files = [FIXTURES / f"{name}_variants.{ext}" for name, ext in
             (("hotline12345", "csv"), ("police110", "jsonl"), ("grid", "jsonl"), ("qrcode", "jsonl"),
              ("department", "csv"))]  # fmt: skip
    totals = _load(reference_graph, settings, *files)
    # The title line above the hotline header and the police record without any text are quarantined.
    assert totals == {"read": 17, "new": 15, "updated": 0, "unchanged": 0, "quarantined": 2}
    reasons = {row["line"]: row["reason"] for row in service.list_quarantine(graph=reference_graph)}
    assert reasons[7] == "BJNR: empty; the record has no text to describe the dispute"
    assert "before the header row" in reasons[1]
    grid = _report(reference_graph, "grid|WG-V-1")
    assert grid is not None
    at = grid["report"]["reported_at"].to_native()  # given as 00:20Z
    assert at == datetime(2025, 6, 1, 8, 20, tzinfo=BEIJING) and at.utcoffset() == timedelta(hours=8)
    police = _report(reference_graph, "police110|J-V-2")
    assert police is not None and len(police["parties"]) == 2
    hotline = _report(reference_graph, "hotline12345|HB12345-20250602-000001")
    assert hotline is not None and [p["phone"] for p in hotline["parties"]] == ["0392-3312345"]


def test_intake_takes_a_gbk_csv_body_declared_utf8(reference_graph: Graph, settings: Settings) -> None:
    body = (SAMPLES / "hotline12345.csv").read_bytes().decode("gb18030").encode("gbk")
    summary = service.intake(
        graph=reference_graph, settings=settings, caller=SYSTEM, channel="hotline12345", body=body,
        content_type="text/csv; charset=utf-8",
    )  # fmt: skip
    assert [outcome["status"] for outcome in summary.outcomes] == ["new"] * 4


def test_short_form_and_name_without_limited_join_the_full_named_company(
    reference_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    def row(n: int, text: str) -> str:
        return f"HB-ORG-{n},2025-06-{n * 7:02d} 10:00:00,王先生,1380392123{n},投诉,物业,{text},,,,,已派单"

    full = row(1, "市民反映楼道漏水，鹤壁市瑞兴物业管理有限公司拒绝维修，要求处理。")
    later = [row(2, "业主反映瑞兴物业擅自提高停车费，双方发生争吵，要求退还。"),
             row(3, "电梯故障，多次联系鹤壁市瑞兴物业管理公司无人处理，要求维修。")]
    first, second = tmp_path / "hotline12345_a.csv", tmp_path / "hotline12345_b.csv"
    first.write_text(f"{HEADER}\n{full}\n", encoding="utf-8")
    second.write_text("\n".join([HEADER, *later]) + "\n", encoding="utf-8")
    _load(reference_graph, settings, first)
    _load(reference_graph, settings, second)
    rows = reference_graph.read("list_organization_disputes", key="鹤壁市瑞兴物业管理有限公司", scope="")
    assert len(rows) == 3 and all(row["roles"] == ["涉事单位"] for row in rows)
    assert not reference_graph.read("list_organization_disputes", key="鹤壁市瑞兴物业管理公司", scope="")


def test_a_short_form_means_one_company_named_after_an_area() -> None:
    assert _alias_targets("瑞兴物业", {"鹤壁市瑞兴物业管理有限公司", "鹤壁市金瑞兴物业服务有限公司"}) == {
        "鹤壁市瑞兴物业管理有限公司"}
    assert _alias_targets("人民医院", {"鹤壁市人民医院", "淇县人民医院"}) == {"鹤壁市人民医院", "淇县人民医院"}
    assert _alias_form("市人民医院") is None and _alias_form("鹤壁市瑞兴物业管理公司") == "鹤壁市瑞兴物业管理"
