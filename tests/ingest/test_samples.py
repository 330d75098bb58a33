"""Loading ../shared/samples/ links persons and incidents as an investigator expects."""

import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.ingest.service import channel_paths, load_paths
from app.settings import Settings
from tests.conftest import SAMPLES


def _person_reports(graph: Graph, name: str) -> list[dict]:
    return graph.read("list_person_reports_by_name", name=name, scope="")


def test_li_xiulan_is_one_person_across_four_channels(sample_graph: Graph) -> None:
    rows = _person_reports(sample_graph, "李秀兰")
    assert len({row["pid"] for row in rows}) == 1
    channels = {row["report_key"].split("|")[0] for row in rows}
    assert channels >= {"hotline12345", "grid", "police110", "department"}
    police = next(row for row in rows if row["report_key"].startswith("police110"))
    assert police["id_number_valid"] is False and police["reason"] == "phone_name"


@pytest.mark.parametrize("name", ["尚雪梅", "牛建军"])
def test_police_and_department_parties_are_one_person(sample_graph: Graph, name: str) -> None:
    rows = _person_reports(sample_graph, name)
    assert len({row["pid"] for row in rows}) == 1
    assert {row["report_key"].split("|")[0] for row in rows} == {"police110", "department"}


def test_two_110_calls_are_one_dispute(sample_graph: Graph) -> None:
    first = sample_graph.read_one("get_report_with_dispute", key="police110|J41061120250612221503002", scope="")
    second = sample_graph.read_one("get_report_with_dispute", key="police110|J41061120250612221811003", scope="")
    assert first["dispute"]["id"] == second["dispute"]["id"]
    assert first["dispute"]["report_count"] == 2
    assert "same person" in second["merge_reason"]


def test_gcj02_qr_clue_lands_in_shuyuan_not_shiyue(sample_graph: Graph) -> None:
    row = sample_graph.read_one("get_report_with_dispute", key="qrcode|QHM-202503150931-0412", scope="")
    assert row["report"]["community_code"] == "410611004002"
    assert row["report"]["area_method"] == "point"


def test_social_security_question_is_kept_as_non_dispute(sample_graph: Graph) -> None:
    row = sample_graph.read_one("get_report_with_dispute", key="hotline12345|HB12345-20250508-000041", scope="")
    assert row["report"]["is_dispute"] is False
    assert row["dispute"] is None


def test_nothing_quarantined_and_reload_changes_nothing(sample_graph: Graph, settings: Settings) -> None:
    assert sample_graph.read("list_quarantine", status=None, channel=None, limit=10) == []
    summary = load_paths(
        graph=sample_graph, settings=settings, caller=SYSTEM, paths=channel_paths(SAMPLES)
    )
    totals = summary.totals()
    assert totals["read"] == totals["unchanged"] == 15
    assert totals["new"] == totals["updated"] == totals["quarantined"] == 0


def test_text_named_contractor_becomes_an_organization(sample_graph: Graph) -> None:
    rows = sample_graph.read("list_organization_disputes", key="鹤壁市恒达建筑劳务有限公司", scope="")
    assert rows, "恒达 should be linked to the wage-arrears dispute"
