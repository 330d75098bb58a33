"""The data generator: formats exactly as channels.md, determinism, truth that resolves, planted cases."""

from __future__ import annotations

import csv
import hashlib
import json
import math
import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from shapely.geometry import Point, shape
from typer.testing import CliRunner

from app.generator import generate, resolve_profile
from app.generator.areas import build_areas
from app.generator.channels import DEPARTMENT_HEADER, HOTLINE_HEADER
from app.generator.cli import generate_command
from app.generator.data.categories import CATEGORIES
from app.generator.data.lexicon import FLAG_CLAUSES
from app.generator.names import check_digit, id_is_valid
from app.generator.reference import KEY_PERSONS_HEADER, KEY_PLACES_HEADER, NOTICES_HEADER
from loaders.geo import out_of_china, wgs84_to_gcj02

SCALE = 0.05
SEED = 11
CHANNEL_FILES = {"police": "police110.jsonl", "grid": "grid.jsonl", "qrcode": "qrcode.jsonl",
                 "hotline": "hotline12345.csv", "department": "department.csv"}
CATEGORY_NAMES = {c.name for c in CATEGORIES}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small city generated once for the module."""
    folder = tmp_path_factory.mktemp("city")
    generate(profile="city", seed=SEED, out=folder, scale=SCALE)
    return folder


def read_truth(out: Path, name: str) -> list[dict[str, str]]:
    """Rows of a truth CSV."""
    with (out / "truth" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def bad_rows(out: Path) -> dict[str, dict[int, str]]:
    """channel -> {record number: kind} of planted bad input."""
    bad: dict[str, dict[int, str]] = defaultdict(dict)
    for row in read_truth(out, "bad_records"):
        bad[row["channel"]][int(row["record_no"])] = row["kind"]
    return bad


def csv_rows(out: Path, channel: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV channel, decoded with its encoding."""
    encoding = "gb18030" if channel == "hotline" else "utf-8"
    with (out / CHANNEL_FILES[channel]).open(encoding=encoding, newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def json_rows(out: Path, channel: str) -> list[str]:
    """Lines of a JSON Lines channel."""
    return (out / CHANNEL_FILES[channel]).read_text(encoding="utf-8").splitlines()


def readable_records(out: Path) -> dict[tuple[str, str], Any]:
    """(channel, source id) -> the last readable payload with that id, as a loader would keep it."""
    bad = bad_rows(out)
    records: dict[tuple[str, str], Any] = {}
    id_key = {"police": "JJDBH", "grid": "eventId", "qrcode": "clue_id"}
    for channel in ("police", "grid", "qrcode"):
        for number, line in enumerate(json_rows(out, channel), start=1):
            if bad[channel].get(number) in ("bad_syntax", "missing_id", "bad_time"):
                continue
            payload = json.loads(line)
            records[(channel, payload[id_key[channel]])] = payload
    for channel in ("hotline", "department"):
        _, rows = csv_rows(out, channel)
        for number, row in enumerate(rows, start=1):
            if bad[channel].get(number) in ("bad_syntax", "missing_id", "bad_time"):
                continue
            sid = row[0] if channel == "hotline" else f"{row[0]}|{row[2]}"
            records[(channel, sid)] = row
    return records


def party_count(channel: str, payload: Any) -> int:
    """How many party slots a record has, by the party_index rule."""
    if channel == "police":
        return len(payload["DSR"])
    if channel == "grid":
        return len(payload["parties"])
    if channel == "department":
        return len(payload[4].split("、"))
    if channel == "qrcode":
        return 1 if payload["phone"] else 0
    return 1


def files_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- determinism and counts ---


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    """Two runs with one seed are byte-identical; another seed differs."""
    generate(profile="city", seed=3, out=tmp_path / "a", scale=0.02)
    generate(profile="city", seed=3, out=tmp_path / "b", scale=0.02)
    generate(profile="city", seed=4, out=tmp_path / "c", scale=0.02)
    first = files_digest(tmp_path / "a")
    assert first == files_digest(tmp_path / "b")
    assert first["police110.jsonl"] != files_digest(tmp_path / "c")["police110.jsonl"]


def test_counts_follow_the_profile(out: Path) -> None:
    """Record counts equal the scaled profile, in the city's proportions."""
    profile = resolve_profile("city", SCALE)
    summary = json.loads((out / "truth" / "summary.json").read_text(encoding="utf-8"))
    assert summary["records"] == {
        "police": profile.police, "grid": profile.grid_reports, "qrcode": profile.qr_clues,
        "department": profile.department, "hotline": profile.hotline_dispute + profile.hotline_other,
    }
    assert summary["records"]["police"] == pytest.approx(8600 * SCALE, abs=1)
    assert summary["records"]["grid"] / summary["records"]["qrcode"] == pytest.approx(7700 / 1200, rel=0.05)
    labels = Counter(row["channel"] for row in read_truth(out, "labels") if row["category"] == "none")
    assert labels["hotline"] == pytest.approx(profile.hotline_other, abs=6)
    key_persons = (out / "reference" / "key_persons.csv").read_text(encoding="utf-8").count("\n") - 1
    assert key_persons == profile.key_persons
    assert summary["files"]["reference/key_places.csv"]["rows"] == profile.key_places


def test_province_profile_is_about_a_million_records() -> None:
    """The province profile keeps the city's mix at one million channel records."""
    province, city = resolve_profile("province"), resolve_profile("city")
    assert province.total_records == pytest.approx(1_000_000, rel=0.001)
    assert province.police / province.grid_reports == pytest.approx(city.police / city.grid_reports, rel=0.01)
    assert len(province.cities) == 17


def test_province_cities_do_not_overlap() -> None:
    """The 17 city boxes are disjoint and every community lies in its city's box."""
    areas = build_areas(resolve_profile("province").cities, 87_000, random.Random(1))
    boxes = [city.box for city in areas.cities]
    assert len(boxes) == 17
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert len({c.code for c in areas.communities}) == len(areas.communities)
    for community in areas.communities[::97]:
        city = community.district.city.box
        assert city.min_lng <= community.box.min_lng and community.box.max_lat <= city.max_lat


def test_every_template_fills_from_the_slots() -> None:
    """Every title, core, detail, demand and flag clause formats with the slots the generator fills."""
    slots = dict.fromkeys(("a", "b", "rel", "org", "place", "estate", "bld", "amt", "bigamt", "n", "dur", "when",
                           "road", "road2", "mu", "fee", "age", "width", "shop", "k", "site"), "x")
    for category in CATEGORIES:
        assert category.name in CATEGORY_NAMES and category.issues
        texts = [*category.details, *category.demands, *category.group_clauses]
        for issue in category.issues:
            texts += [*issue.titles, *issue.cores]
        for text in texts:
            assert "{a}的" not in text
            text.format_map(slots)
    for clauses in FLAG_CLAUSES.values():
        for clause in clauses:
            clause.format_map(slots)
    assert len(CATEGORIES) == 28


# --- formats ---


def test_hotline_is_gb18030_with_the_exact_header_and_both_time_formats(out: Path) -> None:
    """The city hotline export is GB18030 (not UTF-8), header as spec, both time formats."""
    raw = (out / "hotline12345.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    header, rows = csv_rows(out, "hotline")
    assert tuple(header) == HOTLINE_HEADER
    bad = bad_rows(out)["hotline"]
    good = [row for number, row in enumerate(rows, start=1) if number not in bad]
    times = [row[1] for row in good]
    dashed = [t for t in times if "-" in t]
    slashed = [t for t in times if "/" in t]
    assert dashed and slashed and len(dashed) + len(slashed) == len(times)
    for t in dashed:
        datetime.strptime(t, "%Y-%m-%d %H:%M:%S")
    for t in slashed:
        datetime.strptime(t, "%Y/%m/%d %H:%M")
    assert {row[4] for row in good} <= {"咨询", "求助", "投诉", "举报", "建议"}
    assert {row[11] for row in good} <= {"已受理", "已派单", "办理中", "已办结"}


def test_department_csv_is_utf8_with_multivalued_cells(out: Path) -> None:
    """Header as spec, both date formats, 、-separated lists, ID lists sometimes shorter."""
    header, rows = csv_rows(out, "department")
    assert tuple(header) == DEPARTMENT_HEADER
    good = [row for number, row in enumerate(rows, start=1) if number not in bad_rows(out)["department"]]
    assert any("年" in row[3] for row in good) and any("-" in row[3] for row in good)
    assert any("、" in row[4] for row in good)
    shorter = [row for row in good if row[5] and len(row[5].split("、")) < len(row[4].split("、"))]
    assert shorter
    assert all(len(row[6].split("、")) == len(row[4].split("、")) for row in good)
    assert {row[9] for row in good} <= {"高", "中", "低"} and {row[10] for row in good} <= {"是", "否"}


def test_json_lines_parse_except_planted_syntax_errors(out: Path) -> None:
    """Every JSON line parses unless truth lists it as bad_syntax; keys as the upstream writes them."""
    keys = {
        "police": {"JJDBH", "BJSJ", "BJRXM", "BJRZJHM", "BJDH", "SFDZ", "XZQH", "JD", "WD", "JQLBMC", "BJNR",
                   "CJDW", "CJJG", "DSR"},
        "qrcode": {"clue_id", "submitted_at", "scene", "phone", "nickname", "content", "photos", "longitude",
                   "latitude", "coord_type"},
    }
    bad = bad_rows(out)
    for channel in ("police", "grid", "qrcode"):
        for number, line in enumerate(json_rows(out, channel), start=1):
            if bad[channel].get(number) == "bad_syntax":
                with pytest.raises(json.JSONDecodeError):
                    json.loads(line)
                continue
            payload = json.loads(line)
            if channel in keys:
                assert set(payload) == keys[channel]
            else:
                assert {"gridCode", "reportTime", "eventType", "parties", "involvedCount"} <= set(payload)


def test_channel_values_are_in_the_upstream_vocabularies(out: Path) -> None:
    """Times, categories, codes and datums as each upstream writes them."""
    records = readable_records(out)
    police_labels = {"纠纷-家庭纠纷", "纠纷-邻里纠纷", "纠纷-经济纠纷", "纠纷-其他纠纷"}
    for (channel, _), payload in records.items():
        if channel == "police":
            datetime.strptime(payload["BJSJ"], "%Y%m%d%H%M%S")
            assert payload["JQLBMC"] in police_labels and len(payload["XZQH"]) == 6
            assert payload["DSR"][0]["SF"] == "报警人" and payload["BJRXM"] == payload["DSR"][0]["XM"]
        elif channel == "grid":
            datetime.fromisoformat(payload["reportTime"])
            assert payload["reportTime"].endswith("+08:00") and len(payload["gridCode"]) == 15
            assert payload["eventType"] in CATEGORY_NAMES | {"其他"} and payload["involvedCount"] >= 1
        elif channel == "qrcode":
            assert isinstance(payload["submitted_at"], int) and len(payload["scene"]) == 12
            assert payload["coord_type"] in ("gcj02", "wgs84")


def test_reference_data_headers_and_keyword_libraries(out: Path) -> None:
    """Reference CSV headers exactly as spec; four keyword files with a comment line first."""
    ref = out / "reference"
    for name, header in (("key_persons.csv", KEY_PERSONS_HEADER), ("key_places.csv", KEY_PLACES_HEADER),
                         ("notices.csv", NOTICES_HEADER)):
        with (ref / name).open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == header
    for name in ("extreme", "violence", "group", "sensitive"):
        lines = (ref / "keywords" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("#") and 20 <= len(lines) - 1 <= 60


def test_areas_hierarchy_codes_and_geometry(out: Path) -> None:
    """Codes by level, parents resolve, grids tile their community inside the Hebi box."""
    features = json.loads((out / "reference" / "areas.geojson").read_text(encoding="utf-8"))["features"]
    props = {f["properties"]["code"]: f for f in features}
    lengths = {"city": 6, "district": 6, "street": 9, "community": 12, "grid": 15}
    for feature in features:
        p = feature["properties"]
        assert len(p["code"]) == lengths[p["level"]]
        if p["level"] == "city":
            assert p["code"] == "410600" and p["parent"] is None
        else:
            assert p["parent"] in props
            assert p["code"].startswith(p["parent"]) or p["level"] == "district"
    communities = {c: shape(f["geometry"]) for c, f in props.items() if f["properties"]["level"] == "community"}
    grids = [f for f in features if f["properties"]["level"] == "grid"]
    assert len(grids) == pytest.approx(2400 * SCALE, rel=0.35)
    for grid in grids:
        polygon = shape(grid["geometry"])
        assert polygon.is_valid and communities[grid["properties"]["parent"]].contains(polygon.representative_point())
        minx, miny, maxx, maxy = polygon.bounds
        assert minx >= 114.1 and maxx <= 114.4 and miny >= 35.6 and maxy <= 36.0
    districts = {f["properties"]["code"] for f in features if f["properties"]["level"] == "district"}
    assert districts == {"410602", "410603", "410611", "410621", "410622"}


# --- identifiers ---


def test_id_numbers_are_valid_except_planted_mistypes(out: Path) -> None:
    """Every written ID has a correct GB 11643 check digit unless truth marks it mistyped (~2 %)."""
    rows = read_truth(out, "id_mentions")
    mistyped = [r for r in rows if r["mistyped"] == "true"]
    for row in rows:
        assert id_is_valid(row["true_id"])
        assert id_is_valid(row["written"]) == (row["mistyped"] == "false")
        if row["mistyped"] == "true":
            assert sum(a != b for a, b in zip(row["written"], row["true_id"], strict=True)) == 1
    assert 0.005 < len(mistyped) / len(rows) < 0.05
    with (out / "reference" / "key_persons.csv").open(encoding="utf-8", newline="") as handle:
        assert all(id_is_valid(row["身份证号"]) for row in csv.DictReader(handle))


def test_every_written_id_is_in_truth(out: Path) -> None:
    """Police IDs in the file are exactly the ones id_mentions.csv describes."""
    truth = {(r["source_id"], int(r["party_index"])): r["written"] for r in read_truth(out, "id_mentions")
             if r["channel"] == "police"}
    for (channel, sid), payload in readable_records(out).items():
        if channel == "police":
            for index, party in enumerate(payload["DSR"]):
                if party["ZJHM"]:
                    assert truth[(sid, index)] == party["ZJHM"]


def test_check_digit_known_value() -> None:
    """The check digit of the standard's worked example."""
    assert check_digit("11010519491231002") == "X"
    assert id_is_valid("11010519491231002X")


def test_id_prefix_birth_and_gender_match_the_person(out: Path) -> None:
    """An ID starts with the district of the person's community, and its sex digit matches the name form."""
    mentions = {(r["channel"], r["source_id"], r["party_index"]): r["person_id"] for r in read_truth(out, "mentions")}
    communities = {r["incident_id"]: r["community_code"] for r in read_truth(out, "incidents")}
    assert communities
    for row in read_truth(out, "id_mentions"):
        person = mentions[(row["channel"], row["source_id"], row["party_index"])]
        assert row["true_id"][:4] == "4106"
        assert person.startswith("P")
        birth = datetime.strptime(row["true_id"][6:14], "%Y%m%d").date()
        assert date(1950, 1, 1) <= birth <= date(2006, 12, 31)


def test_phones_mostly_well_formed_and_family_phones_are_shared(out: Path) -> None:
    """Phones are mobiles or 0392 landlines bar a few typos; some phones belong to several persons."""
    owners: dict[str, set[str]] = defaultdict(set)
    well_formed = total = 0
    records = readable_records(out)
    mentions = read_truth(out, "mentions")
    for row in mentions:
        if row["channel"] != "police" or row["is_org"] == "true":
            continue
        phone = records[("police", row["source_id"])]["DSR"][int(row["party_index"])]["LXDH"]
        if not phone:
            continue
        total += 1
        mobile = len(phone) == 11 and phone.isdigit() and phone[:2] in ("13", "15", "17", "18", "19")
        landline = phone.startswith("0392-") and len(phone) == 12 and phone[5:].isdigit()
        well_formed += mobile or landline
        owners[phone].add(row["person_id"])
    assert 0.97 < well_formed / total < 1.0
    assert any(len(persons) > 1 for persons in owners.values())


def test_common_names_belong_to_different_persons(out: Path) -> None:
    """Several distinct true persons carry the same name."""
    records = readable_records(out)
    names: dict[str, set[str]] = defaultdict(set)
    for row in read_truth(out, "mentions"):
        if row["channel"] == "police" and row["is_org"] == "false":
            names[records[("police", row["source_id"])]["DSR"][int(row["party_index"])]["XM"]].add(row["person_id"])
    assert sum(1 for persons in names.values() if len(persons) > 1) >= 3


# --- truth ---


def test_truth_references_existing_readable_records(out: Path) -> None:
    """mentions, incidents and labels point at readable records and valid party slots."""
    records = readable_records(out)
    for name in ("mentions", "incidents", "labels", "positions"):
        for row in read_truth(out, name):
            assert (row["channel"], row["source_id"]) in records, (name, row)
    for row in read_truth(out, "mentions"):
        assert int(row["party_index"]) < party_count(row["channel"], records[(row["channel"], row["source_id"])])
    unreadable = {(r["channel"], r["source_id"]) for r in read_truth(out, "bad_records")
                  if r["kind"] in ("bad_syntax", "missing_id", "bad_time")}
    assert not unreadable & {(r["channel"], r["source_id"]) for r in read_truth(out, "incidents")}
    incidents = read_truth(out, "incidents")
    assert {r["category"] for r in incidents} <= CATEGORY_NAMES | {"none"}
    assert all(r["incident_id"] == "" for r in incidents if r["category"] == "none")


def test_every_kind_of_bad_input_is_planted_in_every_channel(out: Path) -> None:
    """Each channel has each kind of bad input, a small share of its records."""
    kinds = {"bad_syntax", "missing_id", "bad_time", "empty_content", "duplicate", "correction"}
    per_channel: dict[str, set[str]] = defaultdict(set)
    for row in read_truth(out, "bad_records"):
        per_channel[row["channel"]].add(row["kind"])
    assert all(per_channel[channel] == kinds for channel in CHANNEL_FILES)
    summary = json.loads((out / "truth" / "summary.json").read_text(encoding="utf-8"))
    assert sum(summary["bad_records"].values()) / sum(summary["records"].values()) < 0.03


def test_reexports_repeat_the_source_id_later(out: Path) -> None:
    """A duplicate repeats an earlier line exactly; a correction changes an earlier record's content."""
    lines = json_rows(out, "police")
    for row in read_truth(out, "bad_records"):
        if row["channel"] != "police" or row["kind"] not in ("duplicate", "correction"):
            continue
        number = int(row["record_no"])
        earlier = [line for line in lines[: number - 1] if row["source_id"] in line]
        assert len(earlier) == 1
        assert (earlier[0] == lines[number - 1]) == (row["kind"] == "duplicate")


def test_incidents_are_reported_through_several_channels(out: Path) -> None:
    """About 8 % of incidents reach two channels; some quarrels have both parties calling 110."""
    channels: dict[str, list[str]] = defaultdict(list)
    for row in read_truth(out, "incidents"):
        if row["incident_id"]:
            channels[row["incident_id"]].append(row["channel"])
    multi = sum(1 for c in channels.values() if len(set(c)) > 1)
    assert 0.04 < multi / len(channels) < 0.14
    assert any(c.count("police") > 1 for c in channels.values())


def test_persons_recur_across_channels(out: Path) -> None:
    """A true person shows up in several records and channels."""
    seen: dict[str, set[str]] = defaultdict(set)
    for row in read_truth(out, "mentions"):
        if row["is_org"] == "false":
            seen[row["person_id"]].add(row["channel"])
    assert sum(1 for c in seen.values() if len(c) >= 2) > len(seen) * 0.1


def test_repeat_clusters_are_tight_in_place_and_time(out: Path) -> None:
    """Each planted cluster: 10-25 incidents of one category in one community within 90 days."""
    records = readable_records(out)
    times: dict[str, datetime] = {}
    for row in read_truth(out, "incidents"):
        times.setdefault(row["incident_id"], _record_time(row["channel"], records[(row["channel"], row["source_id"])]))
    clusters: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_truth(out, "repeat_clusters"):
        clusters[row["cluster_id"]].append(row)
    assert clusters
    for rows in clusters.values():
        assert 10 <= len(rows) <= 25
        assert len({(r["community_code"], r["category"], r["issue"]) for r in rows}) == 1
        when = sorted(times[r["incident_id"]] for r in rows)
        assert when[-1] - when[0] <= timedelta(days=91)


def test_planted_respondents_span_communities(out: Path) -> None:
    """A planted organization is respondent for different claimants in several communities."""
    communities = {r["incident_id"]: r["community_code"] for r in read_truth(out, "incidents")}
    planted: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_truth(out, "respondents"):
        assert row["incident_id"] in communities
        if row["planted"] == "true":
            planted[row["org_name"]].append(row)
    assert planted
    for rows in planted.values():
        assert len({r["incident_id"] for r in rows}) >= 8
        assert len({r["claimant"] for r in rows}) >= 5
        assert len({communities[r["incident_id"]] for r in rows}) >= 2


def test_prior_record_persons_appear_in_police_with_a_flag(out: Path) -> None:
    """Planted prior-record persons are 对方当事人 with QKBS 1 and their real ID; key persons are listed."""
    records = readable_records(out)
    with (out / "reference" / "key_persons.csv").open(encoding="utf-8", newline="") as handle:
        key_ids = {row["身份证号"] for row in csv.DictReader(handle)}
    with (out / "reference" / "notices.csv").open(encoding="utf-8", newline="") as handle:
        notices = {row["编号"]: row for row in csv.DictReader(handle)}
    police_of = defaultdict(list)
    for row in read_truth(out, "incidents"):
        if row["channel"] == "police":
            police_of[row["incident_id"]].append(records[("police", row["source_id"])])
    flagged = 0
    for row in read_truth(out, "prior_record"):
        assert (row["id_number"] in key_ids) == (row["key_person"] == "true")
        if row["notice_code"]:
            assert notices[row["notice_code"]]["身份证号"] == row["id_number"]
        parties = [p for payload in police_of[row["incident_id"]] for p in payload["DSR"]]
        assert any(p["ZJHM"] == row["id_number"] and p["QKBS"] == "1" for p in parties)
        flagged += 1
    all_flags = [p for payloads in police_of.values() for payload in payloads for p in payload["DSR"]]
    assert flagged and sum(p["QKBS"] == "1" for p in all_flags) >= flagged


def test_labels_express_their_flags(out: Path) -> None:
    """Flags are a subset of the four and the text carries the matching words."""
    records = readable_records(out)
    words = {"sensitive": ("市政府", "进京", "媒体", "网上发帖", "省委", "省里上访")}
    for row in read_truth(out, "labels"):
        flags = set(filter(None, row["flags"].split("|")))
        assert flags <= {"major", "repeat", "group", "sensitive"}
        if "sensitive" in flags and row["channel"] == "police":
            text = records[("police", row["source_id"])]["BJNR"]
            assert any(w in text for w in words["sensitive"]), text


# --- positions ---


def gcj02_to_wgs84(lng: float, lat: float) -> tuple[float, float]:
    """Invert the forward transform by fixed-point iteration (test helper)."""
    x, y = lng, lat
    for _ in range(30):
        gx, gy = wgs84_to_gcj02(x, y)
        x, y = x - (gx - lng), y - (gy - lat)
    return x, y


def test_gcj02_forward_transform_known_value() -> None:
    """eviltransform's reference point in Beijing; no shift outside China."""
    lng, lat = wgs84_to_gcj02(116.404, 39.915)
    assert lng == pytest.approx(116.41024449916938, abs=1e-9)
    assert lat == pytest.approx(39.91640428150164, abs=1e-9)
    assert out_of_china(2.35, 48.85) and wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)


def test_positions_fall_in_the_true_grid(out: Path) -> None:
    """'ok' positions lie in the incident's grid (GCJ-02 ones after converting back); others are flagged."""
    features = json.loads((out / "reference" / "areas.geojson").read_text(encoding="utf-8"))["features"]
    grids = {f["properties"]["code"]: shape(f["geometry"]) for f in features if f["properties"]["level"] == "grid"}
    records = readable_records(out)
    statuses = Counter()
    gcj_outside_raw = 0
    for row in read_truth(out, "positions"):
        payload = records[(row["channel"], row["source_id"])]
        statuses[row["status"]] += 1
        lng, lat = _position(row["channel"], payload)
        if row["status"] == "missing":
            assert lng is None
            continue
        if row["status"] != "ok":
            continue
        if row["coord_type"] == "gcj02":
            gcj_outside_raw += not grids[row["grid_code"]].contains(Point(lng, lat))
            lng, lat = gcj02_to_wgs84(lng, lat)
        assert grids[row["grid_code"]].contains(Point(lng, lat)), row
    assert statuses["ok"] > 0.7 * sum(statuses.values()) and statuses["missing"] and statuses["zero"]
    assert gcj_outside_raw > 0  # the GCJ-02 shift is large enough to matter


def _position(channel: str, payload: dict[str, Any]) -> tuple[float | None, float | None]:
    """(lng, lat) of a record as written."""
    if channel == "police":
        return payload["JD"], payload["WD"]
    if channel == "qrcode":
        return payload["longitude"], payload["latitude"]
    location = payload.get("location")
    return (location["lng"], location["lat"]) if location else (None, None)


def _record_time(channel: str, payload: Any) -> datetime:
    """When a readable record says it happened."""
    if channel == "police":
        return datetime.strptime(payload["BJSJ"], "%Y%m%d%H%M%S")
    if channel == "grid":
        return datetime.fromisoformat(payload["reportTime"]).replace(tzinfo=None)
    if channel == "qrcode":
        return datetime(1970, 1, 1, 8) + timedelta(milliseconds=payload["submitted_at"])
    if channel == "hotline":
        text = payload[1]
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S" if "-" in text else "%Y/%m/%d %H:%M")
    text = payload[3]
    if "年" in text:
        return datetime.strptime(text, "%Y年%m月%d日")
    return datetime.strptime(text, "%Y-%m-%d")


# --- command line ---


def test_command_writes_and_summarises(tmp_path: Path) -> None:
    """The typer command runs with the documented options and prints a summary."""
    app = typer.Typer()
    app.command()(generate_command)
    result = CliRunner().invoke(app, ["--profile", "city", "--seed", "5", "--out", str(tmp_path), "--scale", "0.02"])
    assert result.exit_code == 0, result.output
    assert "police110.jsonl" in result.output
    assert (tmp_path / "truth" / "summary.json").exists()
    bad = CliRunner().invoke(app, ["--profile", "planet", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 1


@pytest.mark.slow
def test_full_city_profile(tmp_path: Path) -> None:
    """The full city profile: a real centre's year of records with about 2,400 grids."""
    summary = generate(profile="city", seed=7, out=tmp_path)
    assert sum(summary.records.values()) == 27_500
    grids = sum(1 for f in json.loads((tmp_path / "reference" / "areas.geojson").read_text(encoding="utf-8"))
                ["features"] if f["properties"]["level"] == "grid")
    assert math.isclose(grids, 2400, rel_tol=0.1)
