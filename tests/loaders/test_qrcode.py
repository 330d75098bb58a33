"""QR-code clues (JSON Lines, snake_case): epoch milliseconds, the phone as a nameless party, datums."""

from datetime import datetime
from pathlib import Path

import pytest

from loaders.channels import get_loader
from loaders.model import MappingError, RawRecord, ReadFailure
from loaders.normalise import BEIJING
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "qrcode.jsonl"
BROKEN = Path(__file__).parent / "fixtures" / "qrcode_broken.jsonl"
LOADER = get_loader("qrcode")


def _by_line(path: Path) -> dict[int, RawRecord | ReadFailure]:
    return {read.line: read for read in LOADER.read_file(path)}


def _record(path: Path, line: int) -> RawRecord:
    read = _by_line(path)[line]
    assert isinstance(read, RawRecord), read
    return read


def test_sample_clue_with_phone() -> None:
    report = LOADER.map(_record(SAMPLE, 1))
    assert report.source_id == "QHM-202503150931-0412"
    assert report.reported_at == datetime(2025, 3, 15, 9, 31, tzinfo=BEIJING)
    assert report.community_code == "410611004002"
    assert report.contact_phone == "13782561234"
    assert report.reporter == "燕子"
    [party] = report.parties
    assert (party.index, party.name, party.phone, party.role) == (0, None, "13782561234", "举报人")
    assert (report.lng, report.lat, report.coord_type) == (114.2903, 35.7437, "gcj02")
    assert report.attachments == ["https://example.invalid/q/1.jpg"]
    assert report.text.startswith("小区公共楼道被邻居长期堆放杂物")
    assert not report.unexpected_fields and report.extra == {}


def test_sample_clue_without_phone_has_no_party() -> None:
    report = LOADER.map(_record(SAMPLE, 2))
    assert report.parties == [] and report.contact_phone is None
    assert (report.lng, report.lat) == (None, None)
    assert report.reporter == "长风居民"


def test_unknown_datum_defaults_to_gcj02_with_a_note() -> None:
    report = LOADER.map(_record(BROKEN, 1))
    assert report.coord_type == "gcj02"
    assert report.extra["invalid"]["coord_type"]["value"] == "mercator"
    assert (report.lng, report.lat) == (114.29, 35.74)  # kept as given; converted in area resolution


def test_bad_scene_is_noted_and_string_epoch_is_read() -> None:
    report = LOADER.map(_record(BROKEN, 1))
    assert report.community_code is None
    assert report.extra["invalid"]["scene"]["reason"] == "expected 12 digits"
    assert report.reported_at == datetime(2025, 6, 1, 8, 0, tzinfo=BEIJING)
    assert report.text == "广场舞噪音扰民 🎵🎵"


def test_unknown_key_is_reported_and_kept() -> None:
    report = LOADER.map(_record(BROKEN, 1))
    assert report.unexpected_fields == ["openid"]
    assert report.extra["openid"] == "o-abc123"


def test_missing_clue_id() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(BROKEN, 2))
    assert caught.value.field == "clue_id"


def test_epoch_seconds_are_rejected_with_a_hint() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(BROKEN, 3))
    assert caught.value.field == "submitted_at"
    assert "looks like seconds" in caught.value.reason


def test_bad_json() -> None:
    failure = _by_line(BROKEN)[4]
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("bad JSON: Expecting ',' delimiter")


def test_wgs84_datum_is_kept() -> None:
    payload = {"clue_id": "Q1", "submitted_at": 1748736000000, "longitude": 114.1, "latitude": 35.9,
               "coord_type": "WGS84"}  # fmt: skip
    report = LOADER.map(RawRecord(channel="qrcode", source="api", line=1, payload=payload, raw_text=""))
    assert report.coord_type == "wgs84"
    assert "invalid" not in report.extra


VARIANTS = Path(__file__).parent / "fixtures" / "qrcode_variants.jsonl"


def test_datum_spellings_and_numbers_given_as_text_or_floats() -> None:
    gcj, wgs, _ = (LOADER.map(_record(VARIANTS, line)) for line in (1, 2, 3))
    assert gcj.coord_type == "gcj02" and wgs.coord_type == "wgs84"
    assert "invalid" not in gcj.extra and "invalid" not in wgs.extra
    assert gcj.reported_at == wgs.reported_at == datetime(2025, 6, 1, 8, 0, tzinfo=BEIJING)
    assert wgs.contact_phone == "13782561234"


def test_bd09_position_is_converted_to_gcj02() -> None:
    report = LOADER.map(_record(VARIANTS, 3))
    assert report.coord_type == "gcj02"
    assert report.extra["bd09_position"] == [114.2903, 35.7437]
    assert report.lng == pytest.approx(114.2838, abs=1e-3) and report.lat == pytest.approx(35.7379, abs=1e-3)
    assert report.attachments == ["https://example.invalid/q/1.jpg"]
