"""Repeat per area on synthetic disputes: blocking, counting once, colours, titles, idempotent reruns."""

from collections.abc import Iterator
from datetime import timedelta

import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.db.values import native_row
from app.detection.context import Run, as_of_instant
from app.detection.linking import window_rows
from app.detection.models import DisputeFacts, load_rules
from app.detection.repeat import repeat_blocks, repeat_drafts
from app.detection.service import detect_all, detect_disputes, similar_links
from app.detection.similarity import link_period
from app.warnings.service import get_warning, list_warnings
from tests.detection.fixtures import COMMUNITIES, STREET, at, create_disputes, dispute_row, load_areas

LEAK = ["下水管道", "漏水", "物业", "维修", "楼上住户", "渗水"]
HOME = COMMUNITIES[0]
GRID = f"{HOME}001"


def _leak(n: int, *, area: str = GRID, day: int | None = None, keywords: list[str] | None = None) -> dict:
    # Keywords vary a little per dispute, as jieba keywords of different texts do.
    words = keywords or [*LEAK[:5], ["堵塞", "污水", "不处理", "楼道"][n % 4]]
    return dispute_row(f"DLEAK{n:04d}", area_code=area, category="物业纠纷", keywords=words,
                       occurred_at=at(day if day is not None else 30 + 3 * n), place_key=f"测试小区{n % 3}号楼")


@pytest.fixture
def areas(empty_graph: Graph) -> Iterator[Graph]:
    load_areas(empty_graph)
    yield empty_graph


def _repeat(graph: Graph, code: str, group: str = "物业纠纷"):
    return get_warning(graph=graph, caller=SYSTEM, warning_id=f"repeat:Area:{code}|{group}")


def test_sixteenth_similar_dispute_in_a_community_is_red_and_says_which_number(areas: Graph) -> None:
    colours = []
    for n in range(1, 17):
        create_disputes(areas, [_leak(n)])
        detect_disputes(graph=areas, scope="", dispute_ids=[f"DLEAK{n:04d}"])
        warning = _repeat(areas, HOME)
        colours.append(warning.colour if warning else None)
    assert colours[:2] == [None, None]
    assert colours[2:5] == ["yellow"] * 3 and colours[5:9] == ["orange"] * 4 and colours[9:] == ["red"] * 7
    warning = _repeat(areas, HOME)
    assert warning.title == "该社区近期第16起类似纠纷（物业纠纷）"
    assert warning.figures["count"] == 16 and warning.figures["level"] == "community"
    assert sorted(e.node_key for e in warning.evidence) == [f"DLEAK{n:04d}" for n in range(1, 17)]
    details = {e.node_key: e.detail for e in warning.evidence}
    assert details["DLEAK0016"].startswith("第16起") and details["DLEAK0001"].startswith("第1起")
    assert warning.target["code"] == HOME
    page = list_warnings(graph=areas, caller=SYSTEM, kind="repeat", size=50)
    assert sum(1 for w in page.items if w.id == f"repeat:Area:{HOME}|物业纠纷") == 1
    events = [h["event"] for h in warning.history]
    assert events[0] == "created" and set(events[1:]) == {"updated"}
    assert _repeat(areas, GRID).colour == "red"
    assert _repeat(areas, HOME[:9]).colour == "orange"


def test_blocking_keeps_other_communities_categories_and_old_disputes_apart(areas: Graph) -> None:
    rows = [_leak(n) for n in range(1, 4)]
    rows.append(_leak(4, area=f"{COMMUNITIES[1]}001"))
    rows.append(_leak(5, day=33 - 91))
    rows.append(dispute_row("DMARRY1", area_code=GRID, category="婚姻家庭", keywords=LEAK, occurred_at=at(35)))
    create_disputes(areas, rows)
    detect_disputes(graph=areas, scope="", dispute_ids=[r["id"] for r in rows])
    links = {(link.source, link.target) for link in similar_links(graph=areas, scope="", dispute_ids=["DLEAK0001"])}
    assert links == {("DLEAK0001", "DLEAK0002"), ("DLEAK0001", "DLEAK0003")}
    everything = similar_links(graph=areas, scope="", dispute_ids=[r["id"] for r in rows])
    touched = {end for link in everything for end in (link.source, link.target)}
    assert touched == {"DLEAK0001", "DLEAK0002", "DLEAK0003"}
    assert all(link.source < link.target for link in everything)


def test_series_of_two_categories_are_two_warnings_and_neighbour_quarrels_join_property(areas: Graph) -> None:
    rows = [_leak(n) for n in range(1, 4)]
    rows.append(dispute_row("DNEIGH1", area_code=GRID, category="邻里纠纷", keywords=[*LEAK[:4], "推搡"],
                            occurred_at=at(45), place_key="测试小区1号楼"))
    rows += [dispute_row(f"DMARRY{n}", area_code=GRID, category="婚姻家庭", keywords=["离婚", "抚养费", "探视", "女儿"],
                         occurred_at=at(40 + n)) for n in range(1, 4)]
    create_disputes(areas, rows)
    detect_disputes(graph=areas, scope="", dispute_ids=[r["id"] for r in rows])
    assert _repeat(areas, HOME).figures["count"] == 4
    marriage = _repeat(areas, HOME, "婚姻家庭")
    assert marriage.title == "该社区近期第3起类似纠纷（婚姻家庭）" and marriage.colour == "yellow"
    neighbour = similar_links(graph=areas, scope="", dispute_ids=["DNEIGH1"])
    assert neighbour and all("related_category" in link.reason for link in neighbour)


def test_a_corrected_dispute_loses_its_stale_links(areas: Graph) -> None:
    rows = [_leak(n) for n in range(1, 3)]
    create_disputes(areas, rows)
    detect_disputes(graph=areas, scope="", dispute_ids=["DLEAK0001", "DLEAK0002"])
    assert len(similar_links(graph=areas, scope="", dispute_ids=["DLEAK0002"])) == 1
    create_disputes(areas, [_leak(2, keywords=["噪音", "装修"])])
    detect_disputes(graph=areas, scope="", dispute_ids=["DLEAK0002"])
    assert similar_links(graph=areas, scope="", dispute_ids=["DLEAK0002"]) == []


def test_scope_limits_what_a_district_caller_links(areas: Graph) -> None:
    create_disputes(areas, [_leak(n) for n in range(1, 4)])
    summary = detect_disputes(graph=areas, scope="410611", dispute_ids=["DLEAK0001", "DLEAK0002"])
    assert summary.disputes == 0 and summary.similar_links == 0
    assert similar_links(graph=areas, scope="", dispute_ids=["DLEAK0001"]) == []


def test_full_pass_twice_changes_nothing(areas: Graph) -> None:
    create_disputes(areas, [_leak(n) for n in range(1, 12)])
    first = detect_all(graph=areas, scope="", as_of=at(80))
    ids = sorted(first.warning_ids)
    before = areas.read("get_warnings_by_ids", ids=ids)
    links = similar_links(graph=areas, scope="", dispute_ids=[f"DLEAK{n:04d}" for n in range(1, 12)])
    second = detect_all(graph=areas, scope="", as_of=at(80))
    assert sorted(second.warning_ids) == ids
    assert areas.read("get_warnings_by_ids", ids=ids) == before
    assert similar_links(graph=areas, scope="", dispute_ids=[f"DLEAK{n:04d}" for n in range(1, 12)]) == links
    assert first.similar_links == second.similar_links > 0


def test_a_series_loaded_after_a_later_unrelated_dispute_still_reaches_its_peak(areas: Graph) -> None:
    # Channel by channel: a quarrel 150 days after the series arrives first; the series' window still counts.
    late = dispute_row("DLATE1", area_code=GRID, category="邻里纠纷", keywords=["鞋柜", "门口"], occurred_at=at(200))
    create_disputes(areas, [late])
    detect_disputes(graph=areas, scope="", dispute_ids=["DLATE1"])
    rows = [_leak(n) for n in range(1, 13)]
    create_disputes(areas, rows)
    detect_disputes(graph=areas, scope="", dispute_ids=[r["id"] for r in rows])
    warning = _repeat(areas, HOME)
    assert warning.colour == "red" and warning.figures["count"] == 12
    assert warning.figures["latest_dispute"] == "DLEAK0012"


def test_only_the_largest_series_counts(areas: Graph) -> None:
    leaks = [_leak(n) for n in range(1, 6)]
    parking = [dispute_row(f"DPARK{n}", area_code=GRID, category="物业纠纷", keywords=["停车位", "车库", "收费"],
                           occurred_at=at(31 + 3 * n)) for n in range(1, 6)]
    create_disputes(areas, leaks + parking)
    detect_disputes(graph=areas, scope="", dispute_ids=[r["id"] for r in leaks + parking])
    warning = _repeat(areas, HOME)
    assert warning.colour == "yellow" and warning.figures["count"] == 5
    assert warning.figures["series"] == 2 and warning.figures["in_series"] == 10


def test_full_pass_deletes_the_links_of_a_record_corrected_without_detection(areas: Graph) -> None:
    ids = [f"DLEAK{n:04d}" for n in range(1, 5)]
    create_disputes(areas, [_leak(n) for n in range(1, 5)])
    detect_disputes(graph=areas, scope="", dispute_ids=ids)
    before = similar_links(graph=areas, scope="", dispute_ids=ids)
    # The correction's own detection failed: the nightly pass repairs the links.
    create_disputes(areas, [_leak(2, keywords=["噪音", "装修"])])
    summary = detect_all(graph=areas, scope="", as_of=at(80))
    after = similar_links(graph=areas, scope="", dispute_ids=ids)
    assert similar_links(graph=areas, scope="", dispute_ids=["DLEAK0002"]) == []
    assert after == [link for link in before if "DLEAK0002" not in (link.source, link.target)]
    assert summary.similar_links == len(after)


def test_nightly_pass_reads_back_only_the_links_of_disputes_whose_digest_changed(areas: Graph) -> None:
    ids = [f"DLEAK{n:04d}" for n in range(1, 12)]
    create_disputes(areas, [_leak(n) for n in range(1, 12)])
    detect_all(graph=areas, scope="", as_of=at(80))
    before = similar_links(graph=areas, scope="", dispute_ids=ids)
    areas.timings.clear()
    detect_all(graph=areas, scope="", as_of=at(80))
    assert not {"list_probe_links", "merge_similar_links", "delete_similar_links", "set_link_digests"} & set(
        areas.timings)
    # A record corrected without detection: its digest no longer matches, its links are read and repaired.
    create_disputes(areas, [_leak(2, keywords=["噪音", "装修"])])
    detect_all(graph=areas, scope="", as_of=at(80))
    assert similar_links(graph=areas, scope="", dispute_ids=ids) == [
        link for link in before if "DLEAK0002" not in (link.source, link.target)]


def test_a_link_digest_is_stored_only_when_no_other_writer_touched_the_links(areas: Graph) -> None:
    create_disputes(areas, [_leak(n) for n in range(1, 4)])
    detect_disputes(graph=areas, scope="", dispute_ids=["DLEAK0001", "DLEAK0002", "DLEAK0003"])
    counter = _dispute(areas, "DLEAK0001")["link_writes"]
    assert counter >= 1
    # The pass expects the counter it read plus its own writes; another writer in between leaves the digest unset.
    rows = [{"id": "DLEAK0001", "digest": 7, "writes": counter - 1}]
    assert areas.write("set_link_digests", rows=rows, scope="")[0]["stored"] == 0
    rows = [{"id": "DLEAK0001", "digest": 7, "writes": counter}]
    assert areas.write("set_link_digests", rows=rows, scope="")[0]["stored"] == 1
    assert _dispute(areas, "DLEAK0001")["link_digest"] == 7
    # Every writer of SIMILAR_TO drops the digest of both ends (here: detection on arrival re-linking DLEAK0002).
    detect_disputes(graph=areas, scope="", dispute_ids=["DLEAK0002"])
    assert _dispute(areas, "DLEAK0001").get("link_digest") is None


def _dispute(graph: Graph, dispute_id: str) -> dict:
    return graph.read_one("get_dispute_detail", id=dispute_id, scope="")["dispute"]


def test_full_pass_counts_from_its_links_as_the_graph_would(areas: Graph) -> None:
    rows = [_leak(n) for n in range(1, 12)]
    rows += [_leak(n, area=STREET, day=20 + n) for n in range(20, 26)]
    rows += [_leak(n, area=f"{COMMUNITIES[1]}001", day=n) for n in range(30, 36)]
    create_disputes(areas, rows)
    detect_all(graph=areas, scope="", as_of=at(80))
    rules = load_rules()
    run = Run(graph=areas, scope="", rules=rules, as_of=as_of_instant(at(80)))
    facts = [DisputeFacts(**native_row(row))
             for row in areas.read("get_detection_disputes", ids=[r["id"] for r in rows], scope="")]
    members, links = link_period(run, facts, run.as_of - timedelta(days=rules.full_pass.days), run.as_of)
    window = window_rows(members, links, rules.similarity, run.as_of, rules.repeat.window_days)
    blocks = repeat_blocks(run, facts)
    drafts = repeat_drafts(run, blocks, window)
    assert drafts == repeat_drafts(run, blocks)
    assert {d.figures["level"] for d in drafts} == {"community", "street", "grid"}
    assert len(links) == len(similar_links(graph=areas, scope="", dispute_ids=[r["id"] for r in rows]))


def test_a_street_counts_its_largest_series_as_a_community_does(areas: Graph) -> None:
    leaks = [_leak(n) for n in range(1, 7)]
    parking = [dispute_row(f"DPARK{n}", area_code=f"{COMMUNITIES[1]}001", category="物业纠纷",
                           keywords=["停车位", "车库", "收费"], occurred_at=at(31 + 3 * n)) for n in range(1, 6)]
    create_disputes(areas, leaks + parking)
    detect_disputes(graph=areas, scope="", dispute_ids=[r["id"] for r in leaks + parking])
    # 11 disputes have a similar one, but they are two issues: the street counts the 6 leaks (yellow, not orange).
    warning = _repeat(areas, STREET)
    assert warning.colour == "yellow" and warning.figures["count"] == 6
    assert sorted(e.node_key for e in warning.evidence) == sorted(r["id"] for r in leaks)
    assert warning.figures["communities"] == 1
