"""A dispute known only to its district is placed in the community its building's other reports name."""

from pathlib import Path

import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.elements.entities import place_spans
from app.ingest import service
from app.ingest.reference import load_reference
from app.settings import REPO_ROOT, Settings
from loaders.areas import read_estate_words
from tests.conftest import SAMPLES

HEADER = "工单编号,来电时间,来电人,来电号码,诉求类型,诉求标题,诉求内容,诉求地址,所属区县,承办单位,办结时限,工单状态"
LEAK = "来电人反映：{address}下水管道漏水已半年，污水流进楼道，多次联系物业无人处理。"


def _row(number: str, day: str, phone: str, address: str) -> str:
    text = LEAK.format(address=address)
    return f"HB-P{number},2025-06-{day} 10:00:00,李女士,{phone},投诉,漏水,{text},{address},山城区,,,已派单"


def _load(graph: Graph, settings: Settings, path: Path, *rows: str) -> None:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    service.load_paths(graph=graph, settings=settings, caller=SYSTEM, paths=[path], hooks=[])


def _dispute_area(graph: Graph, number: str) -> str:
    report = service.get_report(graph=graph, caller=SYSTEM, channel="hotline12345", source_id=f"HB-P{number}")
    assert report is not None
    return report["dispute"]["area_code"]


@pytest.mark.parametrize(("text", "place"), [
    ("山城区山城路街道友谊社区康桥珠江佳苑1号楼6单元802室", "康桥珠江佳苑1号楼"),
    ("淇滨区正商中兴嘉园27号楼4单元", "正商中兴嘉园27号楼"),
    ("狗在万达灵山华庭楼道随地便溺", "万达灵山华庭"),
    ("建业碧水府3号楼", "建业碧水府3号楼"),
])
def test_estate_endings_of_the_lexicon_name_places(text: str, place: str) -> None:
    assert place_spans(text)[0][0] == place


def test_every_estate_ending_of_the_lexicon_names_a_building() -> None:
    endings = read_estate_words(REPO_ROOT / "config" / "lexicons" / "estates.txt").endings
    assert [e for e in endings if place_spans(f"住在康桥珠江{e}3号楼")[0][0] != f"康桥珠江{e}3号楼"] == []


@pytest.mark.parametrize("text", ["到市政府上访", "县人民政府门口", "去县城", "在碧水府门口"])
def test_one_character_endings_need_a_building(text: str) -> None:
    assert [name for name, *_ in place_spans(text)] == []


def test_a_district_level_dispute_takes_its_buildings_community(empty_graph: Graph, settings: Settings,
                                                               tmp_path: Path) -> None:
    load_reference(graph=empty_graph, settings=settings, directory=SAMPLES / "reference")
    bare = "山城区康桥珠江佳苑1号楼6单元802室"
    _load(empty_graph, settings, tmp_path / "hotline12345_a.csv", _row("1", "02", "13803920001", bare))
    assert _dispute_area(empty_graph, "1") == "410603"
    # A later report names the community: the earlier dispute at that building is placed by it...
    _load(empty_graph, settings, tmp_path / "hotline12345_b.csv",
          _row("2", "09", "13803920002", "山城区红旗街道长风社区康桥珠江佳苑1号楼6单元802室"))
    assert _dispute_area(empty_graph, "2") == "410603002003"
    assert _dispute_area(empty_graph, "1") == "410603002003"
    # ...and a later one naming only the building is placed on arrival; another building is not.
    _load(empty_graph, settings, tmp_path / "hotline12345_c.csv", _row("3", "16", "13803920003", bare),
          _row("4", "16", "13803920004", "山城区康桥珠江佳苑2号楼"))
    assert _dispute_area(empty_graph, "3") == "410603002003"
    assert _dispute_area(empty_graph, "4") == "410603"
