"""Area index, gazetteer and resolver, on the sample areas and on small hand-made hierarchies."""

from datetime import datetime
from pathlib import Path

import jieba
import pytest
from shapely.geometry import box

from loaders.areas import (
    Area,
    AreaIndex,
    AreaResolution,
    AreaResolver,
    EstateWords,
    default_estate_words,
    gazetteer_names,
    read_estate_words,
    short_forms,
)
from loaders.channels import get_loader
from loaders.geo import wgs84_to_gcj02
from loaders.model import RawRecord, StandardReport
from loaders.normalise import BEIJING
from tests.conftest import SAMPLES

AREAS = SAMPLES / "reference" / "areas.geojson"
BROKEN_AREAS = Path(__file__).parent / "fixtures" / "reference" / "broken" / "areas.geojson"
CITY = "410600"
WHEN = datetime(2025, 5, 1, 9, 0, tzinfo=BEIJING)
SAMPLE_FILES = {
    "hotline12345": "hotline12345.csv",
    "police110": "police110.jsonl",
    "grid": "grid.jsonl",
    "qrcode": "qrcode.jsonl",
    "department": "department.csv",
}


@pytest.fixture(scope="module")
def index() -> AreaIndex:
    """The sample city's areas."""
    return AreaIndex.from_geojson(AREAS)


@pytest.fixture(scope="module")
def resolver(index: AreaIndex) -> AreaResolver:
    """A resolver over the sample areas."""
    return AreaResolver(index, CITY)


@pytest.fixture(scope="module")
def samples() -> dict[str, StandardReport]:
    """Every sample record as its channel maps it, by source id."""
    reports: dict[str, StandardReport] = {}
    for channel, name in SAMPLE_FILES.items():
        loader = get_loader(channel)
        for read in loader.read_file(SAMPLES / name):
            assert isinstance(read, RawRecord), read
            report = loader.map(read)
            reports[report.source_id] = report
    return reports


def _report(**fields: object) -> StandardReport:
    """A hand-made report with only the fields a test cares about."""
    base: dict[str, object] = {"channel": "police110", "source_id": "T-1", "reported_at": WHEN}
    return StandardReport.model_validate(base | fields)


def _area(code: str, name: str, level: str, parent: str | None, geometry: object = None) -> Area:
    return Area.model_validate({"code": code, "name": name, "level": level, "parent": parent, "geometry": geometry})


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("长风社区", ["长风"]),
        ("红旗街道", ["红旗"]),
        ("天山路街道", ["天山路"]),
        ("长风社区居委会", ["长风社区", "长风"]),
        ("高村镇", ["高村"]),
        ("东村", []),
        ("淇县", []),
        ("山城区", []),
    ],
)
def test_short_forms_strip_only_the_listed_suffixes(name: str, forms: list[str]) -> None:
    assert short_forms(name) == forms


def test_ordinal_grids_and_the_city_are_not_gazetteer_targets() -> None:
    assert gazetteer_names(_area("410603002003001", "长风社区第一网格", "grid", "410603002003")) == []
    assert gazetteer_names(_area("410600", "鹤壁市", "city", None)) == []
    assert gazetteer_names(_area("410603002003009", "幸福里网格", "grid", "410603002003")) == [
        "幸福里网格",
        "幸福里",
    ]


# --- the index --------------------------------------------------------------------------------


def test_index_reads_the_sample_hierarchy(index: AreaIndex) -> None:
    assert len(index) == 17
    assert index.problems == []
    assert index.get("410611004002").name == "书苑社区"
    assert index.get("999") is None
    assert [a.code for a in index.ancestors("410611004002001")] == [
        "410611004002",
        "410611004",
        "410611",
        CITY,
    ]
    chain = index.chain("410611004002001")
    assert chain == ("410611", "410611004", "410611004002", "410611004002001")
    assert index.chain("410611").street_code is None
    assert index.contains("410611", "410611004002001")
    assert not index.contains("410603", "410611004002001")


def test_areas_with_polygons_get_a_centroid(index: AreaIndex) -> None:
    assert index.get("410611004002").centroid == pytest.approx((114.285, 35.745))
    assert index.get("410611").centroid is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("山城区", "410603"),
        (" 淇县 ", "410622"),
        ("鹤壁市淇滨区", "410611"),
        ("淇滨", "410611"),
        ("火星区", None),
        ("", None),
    ],
)
def test_district_by_name(index: AreaIndex, name: str, code: str | None) -> None:
    found = index.district_by_name(name)
    assert (found.code if found else None) == code


def test_point_lookup(index: AreaIndex) -> None:
    assert index.grid_at(114.1832, 35.8988).code == "410603002003001"
    assert index.grid_at(114.1870, 35.9000).code == "410603002003002"
    assert index.community_at(114.1870, 35.9000).code == "410603002003"
    assert index.grid_at(113.0, 34.0) is None
    assert index.community_at(113.0, 34.0) is None


def test_a_point_on_a_shared_border_picks_the_lowest_code(index: AreaIndex) -> None:
    assert [g.code for g in index.grids_at(114.185, 35.9)] == ["410603002003001", "410603002003002"]
    assert index.grid_at(114.185, 35.9).code == "410603002003001"


def test_index_refuses_an_open_hierarchy() -> None:
    city = _area(CITY, "鹤壁市", "city", None)
    with pytest.raises(ValueError, match="duplicate"):
        AreaIndex([city, city])
    with pytest.raises(ValueError, match="unknown parent"):
        AreaIndex([city, _area("410603002", "红旗街道", "street", "410603")])


def test_from_geojson_keeps_the_valid_features_and_lists_the_rest() -> None:
    broken = AreaIndex.from_geojson(BROKEN_AREAS)
    assert sorted(a.code for a in broken) == [
        "410600",
        "410603",
        "410603002",
        "410603002003",
        "410603002003001",
    ]
    assert len(broken.problems) == 13


# --- the gazetteer ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("淇县朝歌街道城关社区恒达工地", "410622001008"),
        ("淇滨区书苑小区7号楼", "410611004002"),
        ("山城区长风小区3号楼", "410603002003"),
        ("红旗街道办事处", "410603002"),
        ("天山路农贸市场", "410611004"),
        ("长风社区第一网格", "410603002003"),
        ("长风社区门口，离书苑不远", "410603002003"),
        ("山城区书苑社区", "410603"),
        ("成长风险评估", None),
        ("县城关闭了", None),
        ("长风社区和书苑社区", None),
        ("社保卡补办", None),
        ("淇滨区天山路街道建业世悦府小区12号楼", "410611004005"),
        ("淇滨区建业世悦府小区12号楼", "410611"),
        ("", None),
        (None, None),
    ],
)
def test_match_address(index: AreaIndex, text: str | None, code: str | None) -> None:
    found = index.match_address(text)
    assert (found.code if found else None) == code


def test_match_details_names_the_words(index: AreaIndex) -> None:
    found = index.match_details("淇县朝歌街道城关社区恒达工地")
    assert found is not None
    assert found.terms == ("淇县", "朝歌街道", "城关社区")


def test_gazetteer_uses_its_own_tagged_tokenizer(index: AreaIndex) -> None:
    assert index.tokenizer is not jieba.dt
    assert index.tokenizer.user_word_tag_tab["长风"] == "area_community"
    assert index.tokenizer.user_word_tag_tab["天山路街道"] == "area_street"
    assert "长风" not in jieba.dt.user_word_tag_tab


def _estate_city(estate_words: EstateWords | None = None) -> AreaIndex:
    """One street whose communities' short forms also name estates elsewhere (建业碧水府, 康桥明珠华庭)."""
    square = box(114.0, 35.0, 114.02, 35.02)
    communities = ["碧水社区", "河畔社区", "宝山社区", "明珠社区", "花园社区"]
    return AreaIndex(
        [
            _area(CITY, "鹤壁市", "city", None),
            _area("410611", "淇滨区", "district", CITY),
            _area("410611001", "红旗街道", "street", "410611"),
            *(
                _area(f"410611001{n:03d}", name, "community", "410611001", square)
                for n, name in enumerate(communities, start=1)
            ),
        ],
        estate_words,
    )


@pytest.fixture(scope="module")
def estate_city() -> AreaIndex:
    """The estate hierarchy with the configured estates lexicon."""
    return _estate_city()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # another word (a developer's brand) before the short form and an estate ending after it:
        # an estate that borrows the name, wherever it is
        ("建业碧水府3号楼2单元", None),
        ("鹤煤河畔华庭5号楼", None),
        ("建业宝山府", None),
        ("康桥明珠华庭12号楼", None),
        ("来电人反映建业碧水府楼上装修扰民", None),
        ("正商富民花园30号楼", None),
        ("淇滨花园3号楼", None),
        ("淇滨区建业碧水府3号楼", "淇滨区"),
        # ...unless the text names the community's street in full: the estate is the local one
        ("红旗街道建业碧水府3号楼", "碧水社区"),
        # full names are never borrowed
        ("碧水社区3号楼", "碧水社区"),
        ("建业碧水社区东门", "碧水社区"),
        # short form + ending with nothing, a boundary or an area name before it: the community's own estate
        ("碧水小区5号楼", "碧水社区"),
        ("碧水苑", "碧水社区"),
        ("淇滨区碧水苑2单元", "碧水社区"),
        ("淇滨碧水苑", "碧水社区"),
        ("红旗街道河畔华庭", "河畔社区"),
        ("华山路18号明珠华庭", "明珠社区"),
        ("家住宝山府的张某", "宝山社区"),
        ("花园小区7号楼", "花园社区"),
        ("淇滨区花园小区", "花园社区"),
        # no estate ending: a brand alone does not make an estate name
        ("建业碧水3号楼", "碧水社区"),
    ],
)
def test_a_short_form_inside_an_estate_name_is_borrowed(estate_city: AreaIndex, text: str, name: str | None) -> None:
    found = estate_city.match_address(text)
    assert (found.name if found else None) == name


def test_estate_words_are_data() -> None:
    words = default_estate_words()
    assert {"府", "华庭", "小区", "花园"} <= set(words.endings)
    assert {"区", "街道", "路", "住"} <= set(words.boundaries)
    # without the lexicon a borrowed short form counts again: the rule lives in the file, not the code
    bare = _estate_city(EstateWords(endings=(), boundaries=()))
    found = bare.match_address("建业碧水府3号楼")
    assert found is not None and found.name == "碧水社区"


def test_a_malformed_estates_lexicon_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "estates.txt"
    path.write_text("# endings\n府 ending\n华庭 estate\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"estates\.txt:3"):
        read_estate_words(path)


@pytest.fixture(scope="module")
def two_counties() -> AreaIndex:
    """Two counties that each have a 城关社区, and two 东关社区 in one county."""
    square = box(114.0, 35.0, 114.02, 35.02)
    return AreaIndex(
        [
            _area(CITY, "鹤壁市", "city", None),
            _area("410621", "浚县", "district", CITY),
            _area("410622", "淇县", "district", CITY),
            _area("410621100", "卫溪街道", "street", "410621"),
            _area("410621101", "黎阳街道", "street", "410621"),
            _area("410622001", "朝歌街道", "street", "410622"),
            _area("410621100001", "城关社区", "community", "410621100", square),
            _area("410621100002", "东关社区", "community", "410621100", square),
            _area("410621101001", "东关社区", "community", "410621101", square),
            _area("410622001008", "城关社区", "community", "410622001", square),
            _area("410622001008001", "城关社区第一网格", "grid", "410622001008", box(114.0, 35.0, 114.01, 35.02)),
        ]
    )


@pytest.mark.parametrize(
    ("text", "within", "code"),
    [
        ("城关小区3号楼", None, None),
        ("城关社区3号楼", None, None),
        ("浚县城关小区", None, "410621100001"),
        ("朝歌街道城关社区", None, "410622001008"),
        ("城关小区3号楼", "410622", "410622001008"),
        ("东关小区", None, "410621"),
        ("黎阳街道东关小区", None, "410621101001"),
    ],
)
def test_ambiguous_names_resolve_only_with_a_disambiguating_area(
    two_counties: AreaIndex, text: str, within: str | None, code: str | None
) -> None:
    found = two_counties.match_address(text, within)
    assert (found.code if found else None) == code


# --- the resolver on the samples ----------------------------------------------------------------


def test_qr_clue_is_placed_after_converting_gcj02(
    index: AreaIndex, resolver: AreaResolver, samples: dict[str, StandardReport]
) -> None:
    report = samples["QHM-202503150931-0412"]
    assert (report.lng, report.lat, report.coord_type) == (114.2903, 35.7437, "gcj02")
    area = resolver.resolve(report)
    assert (area.code, area.level, area.method) == ("410611004002001", "grid", "point")
    assert area.community_code == "410611004002"  # 书苑社区, the community of the QR code's scene
    assert "GCJ-02" in area.detail and "conflict" not in area.detail
    # Taken as WGS-84 the raw position would land in 世悦社区 next door.
    assert index.grid_at(114.2903, 35.7437).code.startswith("410611004005")


def test_qr_clue_without_position_uses_the_scene(resolver: AreaResolver, samples: dict[str, StandardReport]) -> None:
    area = resolver.resolve(samples["QHM-202505070702-0977"])
    assert (area.code, area.method) == ("410603002003", "scene")


def test_police_record_without_position_falls_back_to_the_gazetteer(
    resolver: AreaResolver, samples: dict[str, StandardReport]
) -> None:
    report = samples["J41061120250612221811003"]
    assert report.lng is None and report.lat is None
    area = resolver.resolve(report)
    assert (area.code, area.level, area.method) == ("410611004002", "community", "gazetteer")
    assert (area.district_code, area.street_code, area.grid_code) == ("410611", "410611004", None)


def test_hotline_address_resolves_by_gazetteer(resolver: AreaResolver, samples: dict[str, StandardReport]) -> None:
    area = resolver.resolve(samples["HB12345-20250509-000212"])
    assert (area.code, area.method) == ("410622001008", "gazetteer")
    assert "城关社区" in area.detail


def test_grid_record_resolves_by_point(resolver: AreaResolver, samples: dict[str, StandardReport]) -> None:
    area = resolver.resolve(samples["WG-410603002003001-20250506-0007"])
    assert (area.code, area.method) == ("410603002003001", "point")
    assert "conflict" not in area.detail


def test_hotline_without_address_falls_back_to_the_city(
    resolver: AreaResolver, samples: dict[str, StandardReport]
) -> None:
    area = resolver.resolve(samples["HB12345-20250508-000041"])
    assert (area.code, area.level, area.method) == (CITY, "city", "fallback")
    assert (area.district_code, area.street_code, area.community_code, area.grid_code) == (
        None,
        None,
        None,
        None,
    )


def test_every_sample_resolves(resolver: AreaResolver, samples: dict[str, StandardReport]) -> None:
    expected = {
        "HB12345-20250507-000123": ("410603002003", "gazetteer"),
        "HB12345-20250415-000087": ("410611004005", "gazetteer"),
        "J41060320250429153012001": ("410603002003002", "point"),
        "J41061120250612221503002": ("410611004002001", "point"),
        "J41060320250503090022004": ("410603002003001", "point"),
        "WG-410611004005002-20250416-0003": ("410611004005002", "point"),
        "MZ-2025-0031": ("410603002003", "gazetteer"),
        "ZJ-2025-0412": ("410603002003", "gazetteer"),
        "RS-2025-0107": ("410622001008", "gazetteer"),
    }
    for source_id, (code, method) in expected.items():
        area = resolver.resolve(samples[source_id])
        assert (area.code, area.method) == (code, method), source_id
        assert "conflict" not in area.detail, source_id


# --- the resolver's fallbacks and conflicts -----------------------------------------------------


def test_datum_decides_the_grid(resolver: AreaResolver) -> None:
    as_gcj = resolver.resolve(_report(channel="qrcode", lng=114.2903, lat=35.7437, coord_type="gcj02"))
    as_wgs = resolver.resolve(_report(channel="qrcode", lng=114.2903, lat=35.7437, coord_type="wgs84"))
    assert as_gcj.community_code == "410611004002"
    assert as_wgs.community_code == "410611004005"


def test_gcj02_of_a_grid_centre_comes_back_to_that_grid(index: AreaIndex, resolver: AreaResolver) -> None:
    lng, lat = wgs84_to_gcj02(114.2950, 35.7475)
    area = resolver.resolve(_report(channel="qrcode", lng=lng, lat=lat, coord_type="gcj02"))
    assert area.code == index.grid_at(114.2950, 35.7475).code == "410611004005002"


@pytest.mark.parametrize(("lng", "lat"), [(214.18, 35.9), (0, 0), (114.18, float("nan"))])
def test_unusable_position_falls_back_to_the_grid_code(resolver: AreaResolver, lng: float, lat: float) -> None:
    area = resolver.resolve(_report(channel="grid", grid_code="410603002003002", lng=lng, lat=lat))
    assert (area.code, area.method) == ("410603002003002", "grid_code")
    assert "unusable" in area.detail


def test_position_outside_every_grid_falls_back(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(address="淇滨区书苑小区7号楼", district_code="410611", lng=113.0, lat=34.0))
    assert (area.code, area.method) == ("410611004002", "gazetteer")
    assert "outside every grid polygon" in area.detail


def test_point_wins_over_a_contradicting_district_code_and_says_so(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(district_code="410622", lng=114.1862, lat=35.9003))
    assert (area.code, area.method, area.district_code) == ("410603002003002", "point", "410603")
    assert "conflict" in area.detail and "410622" in area.detail


def test_point_wins_over_a_contradicting_grid_code_and_says_so(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(channel="grid", grid_code="410603002003002", lng=114.1832, lat=35.8988))
    assert (area.code, area.method) == ("410603002003001", "point")
    assert "conflict" in area.detail and "410603002003002" in area.detail


def test_unknown_grid_code_falls_back_to_its_known_community(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(channel="grid", grid_code="410603002003099"))
    assert (area.code, area.level, area.method) == ("410603002003", "community", "grid_code")
    assert "410603002003099" in area.detail


def test_unknown_scene_with_an_address_uses_the_gazetteer(resolver: AreaResolver) -> None:
    area = resolver.resolve(
        _report(channel="qrcode", community_code="410611004099", text="淇滨区天山路街道书苑小区漏水")
    )
    assert (area.code, area.method) == ("410611004002", "gazetteer")


def test_unknown_scene_alone_uses_its_known_street(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(channel="qrcode", community_code="410611004099"))
    assert (area.code, area.level, area.method) == ("410611004", "street", "scene")
    assert "410611004099" in area.detail


def test_hotline_district_name_when_the_address_names_no_area(resolver: AreaResolver) -> None:
    report = _report(channel="hotline12345", address="黄河路88号", extra={"district_name": "淇县"})
    area = resolver.resolve(report)
    assert (area.code, area.level, area.method) == ("410622", "district", "district_code")


def test_unknown_district_name_is_noted(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(channel="hotline12345", extra={"district_name": "火星区"}))
    assert area.method == "fallback"
    assert "火星区" in area.detail


def test_declared_district_beats_a_district_named_in_text(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(address="山城区黄河路", district_code="410611"))
    assert (area.code, area.method) == ("410611", "district_code")
    assert "410603" in area.detail


def test_text_refines_an_address_that_only_names_a_district(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(address="淇滨区黄河路", text="书苑社区居民反映楼道堆物"))
    assert (area.code, area.method) == ("410611004002", "gazetteer")
    assert "title/text" in area.detail


def test_text_does_not_override_a_community_named_in_the_address(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(address="山城区长风小区", text="曾在书苑社区居住"))
    assert area.code == "410603002003"


def test_position_between_grids_but_inside_a_community(two_counties: AreaIndex) -> None:
    resolver = AreaResolver(two_counties, CITY)
    area = resolver.resolve(_report(lng=114.015, lat=35.01))
    assert (area.code, area.level, area.method) == ("410621100001", "community", "point")
    assert "outside every grid polygon" in area.detail


def test_resolution_is_a_plain_model(resolver: AreaResolver) -> None:
    area = resolver.resolve(_report(lng=114.1862, lat=35.9003))
    assert isinstance(area, AreaResolution)
    assert set(area.model_dump()) == {
        "code", "level", "method", "detail", "district_code", "street_code", "community_code", "grid_code",
    }  # fmt: skip


