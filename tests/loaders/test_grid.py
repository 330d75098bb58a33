"""Grid workers' events (JSON Lines, camelCase): parties by position, a bad grid code never rejects."""

from datetime import datetime
from pathlib import Path

import pytest

from loaders.channels import get_loader
from loaders.model import MappingError, RawRecord, ReadFailure
from loaders.normalise import BEIJING
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "grid.jsonl"
BROKEN = Path(__file__).parent / "fixtures" / "grid_broken.jsonl"
LOADER = get_loader("grid")


def _by_line(path: Path) -> dict[int, RawRecord | ReadFailure]:
    return {read.line: read for read in LOADER.read_file(path)}


def _record(path: Path, line: int) -> RawRecord:
    read = _by_line(path)[line]
    assert isinstance(read, RawRecord), read
    return read


def test_sample_first_event_fields() -> None:
    report = LOADER.map(_record(SAMPLE, 1))
    assert report.source_id == "WG-410603002003001-20250506-0007"
    assert report.reported_at == datetime(2025, 5, 6, 16, 20, tzinfo=BEIJING)
    assert report.grid_code == "410603002003001"
    assert report.community_code is None  # derived from the grid during area resolution
    assert (report.lng, report.lat, report.coord_type) == (114.1832, 35.8988, "wgs84")
    assert report.channel_label == "物业纠纷"
    assert report.title == "长风小区3号楼下水管道漏水引发邻里矛盾"
    assert report.text.startswith("长风小区3号楼1单元下水管道漏水")
    assert report.reporter == "王雪"
    assert report.extra == {"reporterId": "WGY-0392-1187"}
    assert report.involved_count == 2
    assert report.status == "处置中"
    assert report.attachments == ["https://example.invalid/p/a1.jpg"]
    first, second = report.parties
    assert (first.index, first.name, first.id_number, first.age, first.occupation) == (
        0, "李秀兰", "410603196605184224", 59, "退休",
    )  # fmt: skip
    assert (second.index, second.name, second.id_number, second.phone) == (1, "赵国强", None, "13703928877")
    assert not report.unexpected_fields


def test_sample_party_with_missing_keys() -> None:
    report = LOADER.map(_record(SAMPLE, 2))
    assert report.parties[1].id_number is None and report.parties[1].age == 27
    assert report.parties[0].age is None
    assert report.attachments == []


def test_bad_optional_values_are_noted_not_rejected() -> None:
    report = LOADER.map(_record(BROKEN, 1))
    assert report.grid_code is None
    invalid = report.extra["invalid"]
    assert invalid["gridCode"] == {"value": "41060300200300", "reason": "expected 15 digits"}
    assert invalid["parties[0].age"]["value"] == "五十五"
    assert invalid["parties[1]"]["value"] == {"nickname": "兰姐"}
    assert report.involved_count is None and "involvedCount" in invalid
    assert report.parties[0].age is None
    assert (report.lng, report.lat) == (None, None)
    assert report.attachments == ["https://example.invalid/p/b1.jpg"]
    assert report.text == "楼道堆放杂物"


def test_utc_report_time_is_stored_as_beijing_time() -> None:
    report = LOADER.map(_record(BROKEN, 1))
    assert report.reported_at == datetime(2025, 6, 1, 16, 0, tzinfo=BEIJING)
    assert report.reported_at.utcoffset() == BEIJING.utcoffset(None)


def test_unknown_key_is_reported_and_kept() -> None:
    report = LOADER.map(_record(BROKEN, 1))
    assert report.unexpected_fields == ["priority", "parties[].nickname"]
    assert report.extra["priority"] == "高"


def test_missing_event_id() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(BROKEN, 2))
    assert caught.value.field == "eventId"


def test_unreadable_report_time() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(BROKEN, 3))
    assert caught.value.field == "reportTime"
    assert "'昨天下午'" in caught.value.reason and "ISO 8601" in caught.value.reason


def test_non_object_and_bad_json_lines() -> None:
    reads = _by_line(BROKEN)
    not_object, bad_json = reads[4], reads[5]
    assert isinstance(not_object, ReadFailure) and not_object.reason == "expected a JSON object, got a string"
    assert isinstance(bad_json, ReadFailure) and bad_json.reason.startswith("bad JSON: Expecting property")


def test_location_that_is_not_a_pair_is_noted() -> None:
    raw = RawRecord(
        channel="grid",
        source="api",
        line=1,
        payload={"eventId": "E1", "reportTime": "2025-06-01T08:00:00+08:00", "location": [114.1, 35.9, 80]},
        raw_text="",
    )
    report = LOADER.map(raw)
    assert report.lng is None and "location" in report.extra["invalid"]


VARIANTS = Path(__file__).parent / "fixtures" / "grid_variants.jsonl"


def test_utc_time_is_stored_as_beijing_time_and_location_as_a_pair() -> None:
    report = LOADER.map(_record(VARIANTS, 1))
    assert report.reported_at == datetime(2025, 6, 1, 8, 20, tzinfo=BEIJING)
    assert report.reported_at.utcoffset() == BEIJING.utcoffset(None)
    assert (report.lng, report.lat) == (114.1832, 35.8988)
    assert report.grid_code == "410603002003001" and report.involved_count == 3


def test_double_encoded_parties_joined_attachments_and_text_location() -> None:
    report = LOADER.map(_record(VARIANTS, 2))
    assert report.reported_at == datetime(2025, 6, 1, 8, 20, 0, 123000, tzinfo=BEIJING)
    assert (report.lng, report.lat) == (114.1832, 35.8988)
    assert [(p.name, p.phone) for p in report.parties] == [("李秀兰", "13803921234")]
    assert report.attachments == ["https://example.invalid/a.jpg", "https://example.invalid/b.jpg"]
    assert "invalid" not in report.extra


def test_epoch_time_nulls_and_sparse_parties() -> None:
    report = LOADER.map(_record(VARIANTS, 3))
    assert report.reported_at == datetime(2025, 6, 1, 8, 20, tzinfo=BEIJING)
    assert (report.lng, report.lat, report.grid_code, report.attachments) == (None, None, None, [])
    assert [(p.index, p.name, p.phone, p.age) for p in report.parties] == [
        (0, "甲", None, None),
        (1, None, None, None),
        (2, None, "0392-3312345", 59),
    ]
