"""110 incidents (JSON Lines): DSR party order, the reporter fallback, broken lines."""

from datetime import datetime
from pathlib import Path

import pytest

from loaders.channels import get_loader
from loaders.model import MappingError, RawRecord, ReadFailure
from loaders.normalise import BEIJING
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "police110.jsonl"
BROKEN = Path(__file__).parent / "fixtures" / "police110_broken.jsonl"
LOADER = get_loader("police110")


def _by_line(path: Path) -> dict[int, RawRecord | ReadFailure]:
    return {read.line: read for read in LOADER.read_file(path)}


def _record(path: Path, line: int) -> RawRecord:
    read = _by_line(path)[line]
    assert isinstance(read, RawRecord), read
    return read


def test_sample_maps_every_incident() -> None:
    reports = [LOADER.map(read) for read in LOADER.read_file(SAMPLE) if isinstance(read, RawRecord)]
    assert [report.source_id for report in reports] == [
        "J41060320250429153012001",
        "J41061120250612221503002",
        "J41061120250612221811003",
        "J41060320250503090022004",
    ]
    assert all(not report.unexpected_fields and report.coord_type == "wgs84" for report in reports)


def test_sample_first_incident_fields() -> None:
    report = LOADER.map(_record(SAMPLE, 1))
    assert report.reported_at == datetime(2025, 4, 29, 15, 30, 12, tzinfo=BEIJING)
    assert report.district_code == "410603"
    assert (report.lng, report.lat) == (114.1862, 35.9003)
    assert report.channel_label == "纠纷-家庭纠纷"
    assert report.text.startswith("报警人称前夫牛建军刚刑满释放")
    assert report.outcome == "民警到场劝离，双方情绪暂时平稳。"
    assert report.handling_unit == "山城区公安分局红旗派出所"
    assert report.address == "山城区红旗街道长风社区长风小区5号楼2单元"
    reporter, other = report.parties
    assert (reporter.index, reporter.name, reporter.role) == (0, "尚雪梅", "报警人")
    assert reporter.prior_record is False
    assert (other.index, other.name, other.role) == (1, "牛建军", "对方当事人")
    assert (other.id_number, other.phone) == ("410603198203151234", None)
    assert other.prior_record is True
    assert report.extra == {}


def test_sample_null_coordinates_and_empty_outcome() -> None:
    assert LOADER.map(_record(SAMPLE, 2)).outcome is None
    report = LOADER.map(_record(SAMPLE, 3))
    assert (report.lng, report.lat) == (None, None)
    assert "invalid" not in report.extra


def test_sample_mistyped_id_is_kept_as_given() -> None:
    report = LOADER.map(_record(SAMPLE, 4))
    assert report.parties[1].id_number == "41060319660518422X"


def test_empty_dsr_makes_the_reporter_party_zero() -> None:
    report = LOADER.map(_record(BROKEN, 1))
    [reporter] = report.parties
    assert (reporter.index, reporter.name, reporter.role) == (0, "李秀兰", "报警人")
    assert (reporter.id_number, reporter.phone) == ("41060319660518422x", "13803921234")
    assert (report.lng, report.lat) == (None, None)  # 0/0 means no position


def test_blank_lines_are_skipped() -> None:
    assert 2 not in _by_line(BROKEN)


def test_bad_json_gives_the_parser_message() -> None:
    failure = _by_line(BROKEN)[3]
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("bad JSON: Expecting value")
    assert failure.raw_text.startswith('{"JJDBH": "J41060320250601080000102"')


def test_a_non_object_line_is_a_read_failure() -> None:
    failure = _by_line(BROKEN)[4]
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "expected a JSON object, got an array"


def test_missing_incident_id() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(BROKEN, 5))
    assert caught.value.field == "JJDBH"


def test_unreadable_report_time() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(BROKEN, 6))
    assert caught.value.field == "BJSJ"
    assert "'20251345250000'" in caught.value.reason and "yyyyMMddHHmmss" in caught.value.reason


def test_reporter_outside_dsr_is_kept_in_extra_and_dsr_positions_hold() -> None:
    report = LOADER.map(_record(BROKEN, 7))
    assert [party.index for party in report.parties] == [0, 2]  # DSR[1] is not an object
    assert report.parties[0].prior_record is None  # QKBS "2" is neither 0 nor 1
    assert report.parties[1].prior_record is True
    assert report.extra["BJRXM"] == "路人甲" and report.extra["BJDH"] == "13900000000"
    invalid = report.extra["invalid"]
    assert set(invalid) == {"DSR[0].QKBS", "DSR[1]", "XZQH", "JD"}
    assert report.district_code is None
    assert (report.lng, report.lat) == (None, None)


def test_unknown_key_is_reported_and_kept() -> None:
    report = LOADER.map(_record(BROKEN, 7))
    assert report.unexpected_fields == ["ZDRY"]
    assert report.extra["ZDRY"] == "否"


def test_api_body_as_json_lines_and_as_array() -> None:
    body = SAMPLE.read_bytes()
    lines = list(LOADER.read_body(body, "application/x-ndjson"))
    assert [read.line for read in lines] == [1, 2, 3, 4]
    array = "[" + ",".join(SAMPLE.read_text(encoding="utf-8").splitlines()) + "]"
    as_array = list(LOADER.read_body(array, "application/json"))
    assert [read.payload for read in as_array] == [read.payload for read in lines]
    assert all(read.source == "api" for read in as_array)


def test_api_body_counts_records_not_lines() -> None:
    body = BROKEN.read_text(encoding="utf-8")
    reads = list(LOADER.read_body(body, None))
    assert [read.line for read in reads] == [1, 2, 3, 4, 5, 6]
    assert isinstance(reads[1], ReadFailure)


def test_api_body_single_pretty_printed_object() -> None:
    body = '{\n  "JJDBH": "J1",\n  "BJSJ": "20250601080000",\n  "DSR": []\n}\n'
    [read] = LOADER.read_body(body.encode("utf-8"), "application/json")
    assert isinstance(read, RawRecord)
    assert LOADER.map(read).source_id == "J1"


def test_api_array_body_with_bad_json() -> None:
    [failure] = LOADER.read_body('[{"JJDBH": "J1",]', "application/json")
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("bad JSON:")


def test_undecodable_line_fails_alone() -> None:
    body = b'{"JJDBH": "J1", "BJSJ": "20250601080000"}\n{"JJDBH": "\xff"}\n'
    first, second = LOADER.read_body(body, None)
    assert isinstance(first, RawRecord)
    assert isinstance(second, ReadFailure) and "not valid utf-8" in second.reason
    assert "\\xff" in second.raw_text


VARIANTS = Path(__file__).parent / "fixtures" / "police110_variants.jsonl"


def test_bom_crlf_and_blank_lines_keep_file_line_numbers() -> None:
    reads = _by_line(VARIANTS)
    assert sorted(reads) == [1, 3, 4, 5, 7, 8]
    assert all(isinstance(read, RawRecord) for read in reads.values())


def test_numbers_where_the_standard_has_strings() -> None:
    report = LOADER.map(_record(VARIANTS, 1))
    assert report.reported_at == datetime(2025, 6, 1, 8, 30, tzinfo=BEIJING)
    assert report.district_code == "410603"
    assert (report.lng, report.lat) == (114.1862, 35.9003)
    [party] = report.parties
    assert (party.id_number, party.phone, party.prior_record) == ("410603198803122023", "13569281234", True)


def test_dsr_sent_as_a_json_string_is_read_as_the_list() -> None:
    report = LOADER.map(_record(VARIANTS, 3))
    assert [(p.index, p.name, p.role, p.prior_record) for p in report.parties] == [
        (0, "尚雪梅", "报警人", False),
        (1, "牛建军", "对方当事人", True),
    ]
    assert "invalid" not in report.extra


def test_swapped_coordinates_dashed_time_and_boolean_flag() -> None:
    report = LOADER.map(_record(VARIANTS, 4))
    assert report.reported_at == datetime(2025, 6, 1, 10, tzinfo=BEIJING)
    assert (report.lng, report.lat) == (114.1862, 35.9003)
    assert "swapped" in report.extra["invalid"]["JD"]["reason"]
    assert report.parties[0].prior_record is True


def test_nan_and_nulls_load_without_values() -> None:
    report = LOADER.map(_record(VARIANTS, 5))
    assert (report.lng, report.lat, report.district_code, report.address, report.outcome) == (None,) * 5
    assert report.parties == []
    assert report.extra["invalid"]["JD"] == {"value": "nan", "reason": "expected a finite number"}


def test_unknown_keys_of_a_dsr_entry_are_reported_and_kept() -> None:
    report = LOADER.map(_record(VARIANTS, 8))
    assert report.unexpected_fields == ["DSR[].XB"]
    assert report.extra["invalid"]["DSR[0]"]["value"] == {"XB": "男"}
