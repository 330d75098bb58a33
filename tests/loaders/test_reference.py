"""Reference data readers: the samples read cleanly, every broken value becomes a ReferenceProblem."""

import csv
import json
import logging
from datetime import date
from pathlib import Path

import pytest

from loaders.reference import (
    ReferenceProblem,
    notice_kind,
    read_areas,
    read_key_persons,
    read_key_places,
    read_keyword_libraries,
    read_notices,
    read_reference_dir,
)
from tests.conftest import SAMPLES

SAMPLE_DIR = SAMPLES / "reference"
BROKEN_DIR = Path(__file__).parent / "fixtures" / "reference" / "broken"
HEADER = "编号,下发日期,对象姓名,身份证号,事由,下发单位,接收单位"


def _where(problems: list[ReferenceProblem]) -> list[tuple[str, int | None, str | None]]:
    return [(p.file, p.row, p.field) for p in problems]


# --- the samples ------------------------------------------------------------------------------


def test_sample_directory_reads_without_problems() -> None:
    reference = read_reference_dir(SAMPLE_DIR)
    assert reference.problems == []
    assert reference.missing == []
    assert len(reference.areas) == 17
    assert [a.level for a in reference.areas].count("grid") == 6
    assert len(reference.area_index()) == 17


def test_sample_key_person() -> None:
    [person] = read_key_persons(SAMPLE_DIR / "key_persons.csv")
    assert person.model_dump() == {
        "row": 2,
        "name": "牛建军",
        "id_number": "410603198203151234",
        "id_valid": True,
        "birth_date": date(1982, 3, 15),
        "gender": "男",
        "category": "刑满释放人员",
        "control_level": "二级",
        "address": "山城区红旗街道长风小区5号楼",
        "record": "2019年因故意伤害罪被判处有期徒刑六年",
        "listed_at": date(2025, 4, 20),
    }
    assert person.key == "410603198203151234"


def test_sample_key_places() -> None:
    places = read_key_places(SAMPLE_DIR / "key_places.csv")
    assert [(p.name, p.kind, p.lng, p.lat, p.grid_code) for p in places] == [
        ("恒达建筑工地", "建筑工地", 114.195, 35.605, "410622001008001"),
        ("天山路农贸市场", "农贸市场", 114.285, 35.746, "410611004002001"),
    ]


def test_sample_notice() -> None:
    [notice] = read_notices(SAMPLE_DIR / "notices.csv")
    assert (notice.code, notice.issued_at, notice.name, notice.id_valid) == (
        "TSH-2024-1207",
        date(2024, 12, 9),
        "牛建军",
        True,
    )
    assert (notice.issuer, notice.receiver, notice.kind) == ("鹤壁市综治中心", "山城区综治中心", "工作提示函")


def test_sample_keyword_libraries() -> None:
    libraries = read_keyword_libraries(SAMPLE_DIR / "keywords")
    assert sorted(libraries) == ["extreme", "group", "sensitive", "violence"]
    assert libraries["extreme"][:3] == ["扬言", "跳楼", "自杀"]
    assert all(not word.startswith("#") for words in libraries.values() for word in words)


# --- broken areas -------------------------------------------------------------------------------


def test_broken_areas_keep_the_valid_features_and_name_every_bad_one() -> None:
    problems: list[ReferenceProblem] = []
    areas = read_areas(BROKEN_DIR / "areas.geojson", problems)
    assert [a.code for a in areas] == ["410600", "410603", "410603002", "410603002003", "410603002003001"]
    assert sorted((p.row, p.field) for p in problems) == [
        (4, "geometry"),  # self-intersecting: repaired and kept
        (5, "properties.name"),
        (6, "properties.code"),
        (7, "geometry"),  # a community without a polygon
        (8, "properties.level"),
        (9, "properties.parent"),  # parent not in the file
        (10, "properties.parent"),  # parent rejected
        (11, "properties.code"),  # duplicate
        (12, "geometry"),  # projected coordinates
        (13, "properties.parent"),  # parent of the wrong level
        (14, "properties.parent"),  # code does not nest in the parent's
        (15, "geometry"),  # a Point
        (16, "properties"),
    ]
    assert {p.file for p in problems} == {"areas.geojson"}
    reasons = {p.row: p.reason for p in problems}
    assert "repaired" in reasons[4]
    assert "is not in the file" in reasons[9]
    assert "was rejected" in reasons[10]
    assert "12 digits" in reasons[6]


def test_repaired_polygon_is_valid() -> None:
    areas = {a.code: a for a in read_areas(BROKEN_DIR / "areas.geojson", [])}
    geometry = areas["410603002003001"].geometry
    assert geometry is not None and geometry.is_valid and geometry.area > 0


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("{not json", None),
        ('{"type": "Feature"}', "type"),
        ('{"type": "FeatureCollection", "features": {}}', "features"),
    ],
)
def test_unreadable_geojson_is_one_problem(tmp_path: Path, text: str, field: str | None) -> None:
    path = tmp_path / "areas.geojson"
    path.write_text(text, encoding="utf-8")
    problems: list[ReferenceProblem] = []
    assert read_areas(path, problems) == []
    assert _where(problems) == [("areas.geojson", None, field)]


# --- broken CSV files -------------------------------------------------------------------------


def test_broken_key_persons_gb18030() -> None:
    problems: list[ReferenceProblem] = []
    persons = read_key_persons(BROKEN_DIR / "key_persons.csv", problems)
    assert [(p.row, p.name) for p in persons] == [(2, "牛建军"), (4, "李秀兰"), (8, "王某")]
    assert _where(problems) == [
        ("key_persons.csv", 3, "姓名"),
        ("key_persons.csv", 4, "身份证号"),
        ("key_persons.csv", 4, "列管日期"),
        ("key_persons.csv", 5, None),
        ("key_persons.csv", 7, "身份证号"),
        ("key_persons.csv", 8, "身份证号"),
    ]
    li = persons[1]
    # A wrong check character is kept as given (upper-cased), marked invalid, never a link.
    assert (li.id_number, li.id_valid, li.gender, li.listed_at) == ("41060319660518422X", False, None, None)
    assert li.key == "李秀兰|1966-05-18"
    assert persons[2].key == "王某|"
    assert persons[2].listed_at == date(2024, 1, 5)


def test_broken_key_places_utf8_bom() -> None:
    problems: list[ReferenceProblem] = []
    places = read_key_places(BROKEN_DIR / "key_places.csv", problems)
    assert [p.row for p in places] == [2, 3, 4, 5, 6, 7, 9]
    by_row = {p.row: p for p in places}
    assert (by_row[3].lng, by_row[3].lat) == (None, None)
    assert (by_row[4].lng, by_row[4].lat) == (None, None)
    assert by_row[5].grid_code is None
    assert _where(problems) == [
        ("key_places.csv", 3, "经度/纬度"),
        ("key_places.csv", 4, "经度/纬度"),
        ("key_places.csv", 5, "所属网格"),
        ("key_places.csv", 8, "场所名称"),
    ]


def test_broken_notices() -> None:
    problems: list[ReferenceProblem] = []
    notices = read_notices(BROKEN_DIR / "notices.csv", problems)
    assert [(n.code, n.issued_at, n.kind) for n in notices] == [
        ("TSH-2024-1207", date(2024, 12, 9), "工作提示函"),
        ("JSH-2025-0003", None, "风险警示函"),
        ("GZ-2025-0010", None, None),
    ]
    assert notices[1].id_valid is False
    assert _where(problems) == [
        ("notices.csv", 3, "身份证号"),
        ("notices.csv", 3, "下发日期"),
        ("notices.csv", 4, "编号"),
        ("notices.csv", 5, "编号"),
        ("notices.csv", 6, "下发日期"),
        ("notices.csv", 6, "对象姓名"),
    ]


@pytest.mark.parametrize(("text", "day"), [("2024-12-09", date(2024, 12, 9)), ("2024年12月9日", date(2024, 12, 9))])
def test_notice_dates_in_both_formats(tmp_path: Path, text: str, day: date) -> None:
    path = tmp_path / "notices.csv"
    path.write_text(f"{HEADER}\nN-1,{text},张三,,,,\n", encoding="utf-8")
    [notice] = read_notices(path, [])
    assert notice.issued_at == day


def test_missing_required_column_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "key_persons.csv"
    path.write_text("名字,身份证号\n张三,410603198203151234\n", encoding="utf-8")
    problems: list[ReferenceProblem] = []
    assert read_key_persons(path, problems) == []
    assert _where(problems) == [("key_persons.csv", 1, "姓名")]


def test_missing_optional_column_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "key_places.csv"
    path.write_text("场所名称,场所类型,地址,经度,纬度\n市场,农贸市场,淇县,114.19,35.6\n", encoding="utf-8")
    problems: list[ReferenceProblem] = []
    [place] = read_key_places(path, problems)
    assert place.grid_code is None
    assert _where(problems) == [("key_places.csv", 1, "所属网格")]


def test_rows_padded_with_empty_cells_are_read(tmp_path: Path) -> None:
    path = tmp_path / "notices.csv"
    path.write_text(f"{HEADER}\nN-1,2024-12-09,张三,,事由,,,,\nN-2,2024-12-09,李四,,事由,,,,多余\n", encoding="utf-8")
    problems: list[ReferenceProblem] = []
    assert [n.code for n in read_notices(path, problems)] == ["N-1"]
    assert _where(problems) == [("notices.csv", 3, None)]


def test_csv_syntax_error_stops_the_file_with_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "notices.csv"
    path.write_text(f"{HEADER}\nN-1,2024-12-09,张三,,事由,,\nN-2,2024-12-09,李四,,{'长' * 500},,\n", encoding="utf-8")
    problems: list[ReferenceProblem] = []
    # The limit is process-wide (loaders.base raises it); lower it for this test only.
    previous = csv.field_size_limit(100)
    try:
        assert [n.code for n in read_notices(path, problems)] == ["N-1"]
    finally:
        csv.field_size_limit(previous)
    assert _where(problems) == [("notices.csv", 3, None)]
    assert "CSV syntax error" in problems[0].reason


@pytest.mark.parametrize(
    ("code", "kind"), [("TSH-2024-1207", "工作提示函"), ("SCJSH-2025-1", "风险警示函"), ("X-1", None)]
)
def test_notice_kind_from_the_number(code: str, kind: str | None) -> None:
    assert notice_kind(code) == kind


# --- keyword libraries --------------------------------------------------------------------------


def test_broken_keyword_libraries() -> None:
    problems: list[ReferenceProblem] = []
    libraries = read_keyword_libraries(BROKEN_DIR / "keywords", problems)
    assert libraries == {
        "extreme": ["扬言", "跳楼", "同归于尽"],
        "group": [],
        "labour": ["欠薪", "讨薪"],  # any *.txt is a library; this one is GB18030
        "violence": ["打人", "持刀"],  # CRLF line ends
    }
    assert _where(problems) == [
        ("keywords/extreme.txt", 5, None),  # a repeat
        ("keywords/group.txt", None, None),  # no words
        ("keywords/sensitive.txt", None, None),  # an expected library is missing
    ]


# --- the whole directory ------------------------------------------------------------------------


def test_broken_directory_collects_every_problem_and_checks_place_grids() -> None:
    reference = read_reference_dir(BROKEN_DIR)
    assert reference.missing == []
    # areas 13, key persons 6, key places 4 + 2 grid checks, notices 6, keywords 3
    assert len(reference.problems) == 13 + 6 + 4 + 2 + 6 + 3
    by_where = {(p.file, p.row, p.field): p.reason for p in reference.problems}
    assert "not a grid of areas.geojson" in by_where[("key_places.csv", 6, "所属网格")]
    assert "outside grid 410603002003001" in by_where[("key_places.csv", 7, "经度/纬度")]
    assert [p.file for p in reference.problems] == sorted(p.file for p in reference.problems)


def test_missing_files_are_listed_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "keywords").mkdir()
    (tmp_path / "keywords" / "violence.txt").write_text("打人\n", encoding="utf-8")
    reference = read_reference_dir(tmp_path)
    assert reference.missing == ["areas.geojson", "key_persons.csv", "key_places.csv", "notices.csv"]
    assert reference.keywords == {"violence": ["打人"]}
    assert [p.file for p in reference.problems] == [
        "keywords/extreme.txt",
        "keywords/group.txt",
        "keywords/sensitive.txt",
    ]


def test_a_missing_directory_is_one_problem(tmp_path: Path) -> None:
    reference = read_reference_dir(tmp_path / "nowhere")
    assert len(reference.problems) == 1
    assert "keywords" in reference.missing


def test_without_a_problem_list_problems_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="loaders.reference"):
        read_notices(BROKEN_DIR / "notices.csv")
    assert sum("notices.csv:4: 编号" in message for message in caplog.messages) == 1


def test_problem_reads_as_a_location_and_a_reason() -> None:
    problem = ReferenceProblem(file="notices.csv", row=4, field="编号", reason="empty; row skipped")
    assert str(problem) == "notices.csv:4: 编号: empty; row skipped"
    assert str(ReferenceProblem(file="group.txt", reason="no words")) == "group.txt: no words"


def test_overlong_names_and_numbers_are_problems_not_index_keys(tmp_path: Path) -> None:
    long_name = "李" * 150
    persons = tmp_path / "key_persons.csv"
    persons.write_text(f"姓名,身份证号\n{long_name},410603198203151234\n牛建军,410603198203151234\n", encoding="utf-8")
    notices = tmp_path / "notices.csv"
    rows = [HEADER, f"TSH-{'9' * 300},2024-12-09 10:30:00,牛建军,,,,", "TSH-1,2024-12-09T10:30:00+08:00,牛建军,,,,"]
    notices.write_text("\n".join(rows) + "\n", encoding="utf-8")
    keywords = tmp_path / "keywords"
    keywords.mkdir()
    (keywords / "violence.txt").write_text(f"打人\n{'打' * 150}\n", encoding="utf-8")
    problems: list[ReferenceProblem] = []
    assert [p.name for p in read_key_persons(persons, problems)] == ["牛建军"]
    assert [(n.code, n.issued_at) for n in read_notices(notices, problems)] == [("TSH-1", date(2024, 12, 9))]
    assert read_keyword_libraries(keywords, problems)["violence"] == ["打人"]
    assert [(p.row, p.field) for p in problems if "at most" in p.reason] == [(2, "姓名"), (2, "编号"), (2, None)]


def test_areas_with_numeric_codes_capitalised_levels_and_multipolygons(tmp_path: Path) -> None:
    square = [[[114.1, 35.8], [114.2, 35.8], [114.2, 35.9], [114.1, 35.9], [114.1, 35.8]]]
    features = [
        ({"code": 410600, "name": "鹤壁市", "level": "City", "parent": None}, None),
        ({"code": 410603, "name": "山城区", "level": "district ", "parent": 410600}, None),
        ({"code": 410603002, "name": "红旗街道", "level": "STREET", "parent": 410603}, None),
        ({"code": 410603002003, "name": "长风社区", "level": "community", "parent": 410603002},
         {"type": "MultiPolygon", "coordinates": [square]}),
        ({"code": 410603002004, "name": "长" * 150, "level": "community", "parent": 410603002},
         {"type": "Polygon", "coordinates": square}),
    ]  # fmt: skip
    document = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": geometry} for props, geometry in features
    ]}  # fmt: skip
    path = tmp_path / "areas.geojson"
    path.write_text("\ufeff" + json.dumps(document, ensure_ascii=False), encoding="utf-8")
    problems: list[ReferenceProblem] = []
    areas = read_areas(path, problems)
    assert [(a.code, a.level) for a in areas][:4] == [
        ("410600", "city"), ("410603", "district"), ("410603002", "street"), ("410603002003", "community"),
    ]  # fmt: skip
    assert [(p.row, p.field) for p in problems] == [(4, "properties.name")]
