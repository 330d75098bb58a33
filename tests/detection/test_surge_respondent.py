"""Surges against a community's own expected rate, and respondents across communities, on synthetic data."""

from collections.abc import Iterator

import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.detection.service import detect_all, detect_disputes
from app.warnings.service import get_warning
from tests.detection.fixtures import COMMUNITIES, at, create_disputes, dispute_row, load_areas

SURGING = COMMUNITIES[0]


@pytest.fixture
def areas(empty_graph: Graph) -> Iterator[Graph]:
    load_areas(empty_graph)
    yield empty_graph


def _wage(n: int, community: str, day: int) -> dict:
    # Distinct keywords: a surge is about volume, not about one repeated issue.
    return dispute_row(f"DWAGE{n:04d}", area_code=f"{community}001", category="劳资纠纷",
                       keywords=[f"词{n}", f"项{n}"], occurred_at=at(day))


def _history_and_burst() -> list[dict]:
    rows, n = [], 0
    for community in COMMUNITIES:
        for month in range(12):
            n += 1
            rows.append(_wage(n, community, 10 + 30 * month))
    for day in range(8):
        n += 1
        rows.append(_wage(n, SURGING, 372 + 3 * day))
    return rows


def test_a_burst_far_above_the_communitys_own_rate_is_a_surge_with_its_figures(areas: Graph) -> None:
    create_disputes(areas, _history_and_burst())
    summary = detect_all(graph=areas, scope="", as_of=at(395))
    assert summary.warnings.get("surge") == 1
    warning = get_warning(graph=areas, caller=SYSTEM, warning_id=f"surge:Area:{SURGING}|劳资纠纷")
    figures = warning.figures
    assert figures["observed"] == 8 and 0.5 < figures["expected"] < 2.0
    assert figures["p_value"] < 0.001 and warning.colour in ("red", "orange")
    assert figures["fixed_threshold"] == "orange"
    assert "高于预期" in warning.title and f"p={figures['p_value']:.2g}" in warning.title
    assert len([e for e in warning.evidence if e.factor == "surge_observed"]) == 8
    for quiet in COMMUNITIES[1:]:
        assert get_warning(graph=areas, caller=SYSTEM, warning_id=f"surge:Area:{quiet}|劳资纠纷") is None


def test_a_steady_community_with_many_disputes_is_no_surge(areas: Graph) -> None:
    rows = [_wage(n, SURGING, 5 + 3 * n) for n in range(1, 130)]
    create_disputes(areas, rows)
    summary = detect_all(graph=areas, scope="", as_of=at(5 + 3 * 130))
    assert "surge" not in summary.warnings


def test_one_contractor_owing_workers_in_three_communities_is_a_respondent(areas: Graph) -> None:
    org = {"key": "鹤壁市某某劳务有限公司", "name": "鹤壁市某某劳务有限公司"}
    rows = [
        dispute_row(f"DRESP{n}", area_code=f"{community}001", category="劳资纠纷", keywords=["工资"],
                    occurred_at=at(100 + n), persons=[{"pid": f"PW{n}", "name": name}], organizations=[org])
        for n, (community, name) in enumerate(zip(COMMUNITIES[:3], ("甲某", "乙某", "丙某"), strict=True))
    ]
    create_disputes(areas, rows)
    detect_disputes(graph=areas, scope="", dispute_ids=[r["id"] for r in rows])
    warning = get_warning(graph=areas, caller=SYSTEM, warning_id=f"respondent:Organization:{org['key']}")
    assert warning.colour == "yellow" and warning.area_code == COMMUNITIES[0][:9]
    assert warning.figures["communities"] == 3 and warning.figures["claimants"] == 3
    assert {e.node_key for e in warning.evidence if e.factor == "claimant"} == {"PW0", "PW1", "PW2"}
    assert "分布于3个社区" in warning.reasons[0]
