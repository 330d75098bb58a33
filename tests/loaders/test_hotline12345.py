"""12345 hotline CSV: encodings, both time formats, the caller as party 0, broken rows."""

from datetime import datetime
from pathlib import Path

import pytest

from loaders.channels import get_loader
from loaders.model import MappingError, RawRecord, ReadFailure
from loaders.normalise import BEIJING
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "hotline12345.csv"
FIXTURES = Path(__file__).parent / "fixtures"
LOADER = get_loader("hotline12345")


def _by_line(path: Path) -> dict[int, RawRecord | ReadFailure]:
    return {read.line: read for read in LOADER.read_file(path)}


def _record(path: Path, line: int) -> RawRecord:
    read = _by_line(path)[line]
    assert isinstance(read, RawRecord), read
    return read


def test_sample_maps_every_work_order() -> None:
    reads = list(LOADER.read_file(SAMPLE))
    assert [read.line for read in reads] == [2, 3, 4, 5]
    reports = [LOADER.map(read) for read in reads if isinstance(read, RawRecord)]
    assert [report.source_id for report in reports] == [
        "HB12345-20250507-000123",
        "HB12345-20250415-000087",
        "HB12345-20250508-000041",
        "HB12345-20250509-000212",
    ]
    assert all(not report.unexpected_fields for report in reports)


def test_sample_first_work_order_fields() -> None:
    report = LOADER.map(_record(SAMPLE, 2))
    assert report.channel == "hotline12345"
    assert report.key == "hotline12345|HB12345-20250507-000123"
    assert report.reported_at == datetime(2025, 5, 7, 8, 41, 22, tzinfo=BEIJING)
    assert report.due_at == datetime(2025, 5, 12, 8, 41, 22, tzinfo=BEIJING)
    assert report.title == "楼道下水管道漏水物业不处理"
    assert report.text.startswith("来电人反映：山城区红旗街道长风社区")
    assert report.request_type == "投诉"
    assert report.address == "山城区红旗街道长风小区3号楼1单元"
    assert report.district_code is None
    assert report.extra == {"district_name": "山城区"}
    assert report.handling_unit == "山城区红旗街道办事处"
    assert report.status == "已派单"
    [caller] = report.parties
    assert (caller.index, caller.name, caller.phone, caller.role) == (0, "李女士", "13803921234", "来电人")


def test_sample_slashed_times_and_empty_district() -> None:
    slashed = LOADER.map(_record(SAMPLE, 3))
    assert slashed.reported_at == datetime(2025, 4, 15, 19, 2, tzinfo=BEIJING)
    assert slashed.due_at == datetime(2025, 4, 20, 19, 2, tzinfo=BEIJING)
    consultation = LOADER.map(_record(SAMPLE, 4))
    assert consultation.address is None
    assert "district_name" not in consultation.extra


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b"")])
def test_every_encoding_reads_the_same(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = SAMPLE.read_bytes().decode("gb18030")
    copy = tmp_path / "hotline12345_copy.csv"
    copy.write_bytes(bom + text.encode(encoding))
    original = [(read.line, read.payload, read.raw_text) for read in LOADER.read_file(SAMPLE)]
    assert [(read.line, read.payload, read.raw_text) for read in LOADER.read_file(copy)] == original


def test_html_multiline_cell_and_landline() -> None:
    raw = _record(FIXTURES / "hotline12345_broken.csv", 2)
    assert raw.raw_text.count("\n") == 1  # the quoted cell spans two lines, kept exactly
    report = LOADER.map(raw)
    assert report.reported_at == datetime(2025, 6, 1, 9, 5, tzinfo=BEIJING)
    assert report.title == "噪音扰民"
    assert report.text == "楼上 装修\n噪音很大😡\n已经持续一周"
    assert report.parties[0].name == "欧阳女士"
    assert report.parties[0].phone == "0392 3312345"  # kept as given; normalised by entity resolution


def test_missing_work_order_id_is_a_mapping_error() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(FIXTURES / "hotline12345_broken.csv", 3))
    assert caught.value.field == "工单编号"
    assert "missing" in caught.value.reason


def test_unreadable_call_time_is_a_mapping_error() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(FIXTURES / "hotline12345_broken.csv", 4))
    assert caught.value.field == "来电时间"
    assert "cannot read time '2025-13-45 25:00:00'" in caught.value.reason
    assert "yyyy/M/d H:mm" in caught.value.reason


def test_wrong_cell_count_is_a_read_failure_naming_the_row() -> None:
    failure = _by_line(FIXTURES / "hotline12345_broken.csv")[5]
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "row 5 has 11 cells but the header has 12"
    assert failure.raw_text.startswith("HB12345-20250601-000004,")
    assert failure.source.endswith("hotline12345_broken.csv")


def test_blank_lines_are_skipped_and_a_bad_due_time_does_not_reject() -> None:
    reads = _by_line(FIXTURES / "hotline12345_broken.csv")
    assert sorted(reads) == [2, 3, 4, 5, 7]
    report = LOADER.map(_record(FIXTURES / "hotline12345_broken.csv", 7))
    assert report.due_at is None
    assert report.extra["invalid"]["办结时限"]["value"] == "下周一"
    assert report.parties == []


def test_unknown_column_is_reported_and_kept() -> None:
    report = LOADER.map(_record(FIXTURES / "hotline12345_extra_column.csv", 2))
    assert report.unexpected_fields == ["回访满意度"]
    assert report.extra["回访满意度"] == "满意"


def test_undecodable_bytes_fail_only_their_row() -> None:
    reads = _by_line(FIXTURES / "hotline12345_bad_bytes.csv")
    assert isinstance(reads[2], RawRecord) and isinstance(reads[4], RawRecord)
    failure = reads[3]
    assert isinstance(failure, ReadFailure)
    assert "not valid gb18030" in failure.reason
    assert "\\x81" in failure.raw_text and "\\xff" in failure.raw_text
    failure.raw_text.encode("utf-8")  # storable: no lone surrogates left
    assert LOADER.map(reads[4]).parties[0].name == "张先生"


def test_api_body_in_gb18030_numbers_records_from_one() -> None:
    reads = list(LOADER.read_body(SAMPLE.read_bytes(), "text/csv"))
    assert [read.line for read in reads] == [1, 2, 3, 4]
    assert all(isinstance(read, RawRecord) and read.source == "api" for read in reads)
    file_payloads = [read.payload for read in LOADER.read_file(SAMPLE)]
    assert [read.payload for read in reads] == file_payloads


def test_api_body_declared_charset_and_text() -> None:
    text = SAMPLE.read_bytes().decode("gb18030")
    by_charset = list(LOADER.read_body(text.encode("utf-8"), "text/csv; charset=UTF-8"))
    as_text = list(LOADER.read_body(text, None))
    assert [read.payload for read in by_charset] == [read.payload for read in as_text]
    assert len(as_text) == 4


def test_api_body_without_header_uses_the_standard_columns() -> None:
    row = SAMPLE.read_bytes().decode("gb18030").splitlines()[1]
    [read] = LOADER.read_body(row, None)
    assert isinstance(read, RawRecord) and read.line == 1
    assert LOADER.map(read).source_id == "HB12345-20250507-000123"


def test_gb18030_crlf_export_with_title_line_and_empty_rows() -> None:
    reads = _by_line(FIXTURES / "hotline12345_variants.csv")
    assert sorted(reads) == [1, 3, 4]  # rows of empty cells (`,,,,`) are no records
    title = reads[1]
    assert isinstance(title, ReadFailure) and "before the header row" in title.reason
    first = LOADER.map(_record(FIXTURES / "hotline12345_variants.csv", 3))
    assert first.reported_at == datetime(2025, 6, 2, 8, 41, tzinfo=BEIJING)
    assert first.title == "漏水,噪音"
    assert first.text == '楼道漏水\n与邻居"争吵", 物业不管'
    assert first.parties[0].phone == "0392-3312345"
    assert "district_name" not in first.extra
    assert first.due_at == datetime(2025, 6, 9, tzinfo=BEIJING)  # a due date alone is read, not noted
    second = LOADER.map(_record(FIXTURES / "hotline12345_variants.csv", 4))
    assert second.reported_at == datetime(2025, 6, 2, 9, 5, tzinfo=BEIJING)
    assert second.due_at == datetime(2025, 6, 3, tzinfo=BEIJING)
    assert "invalid" not in second.extra


def test_columns_in_another_order_with_an_unknown_one() -> None:
    report = LOADER.map(_record(FIXTURES / "hotline12345_reordered.csv", 2))
    assert report.source_id == "HB12345-20250602-000003"
    assert report.reported_at == datetime(2025, 6, 2, 10, tzinfo=BEIJING)
    assert (report.parties[0].name, report.parties[0].phone) == ("赵女士", "0392 2212345")
    assert report.text == "楼上噪音扰民，发生争吵。" and report.status == "办理中"
    assert report.unexpected_fields == ["回访结果"] and report.extra["回访结果"] == "满意"


def _payload(**values: str) -> RawRecord:
    payload = {"工单编号": "HB1", "来电时间": "2025-06-02 10:00:00", "诉求内容": "漏水"} | values
    return RawRecord(channel="hotline12345", source="api", line=1, payload=payload, raw_text="")


def test_text_typed_into_the_caller_field_is_no_name() -> None:
    report = LOADER.map(_payload(来电人="李" * 500, 来电号码="13803921234"))
    assert report.parties[0].name is None and report.parties[0].phone == "13803921234"
    assert "a name has at most 100" in report.extra["invalid"]["来电人"]["reason"]


def test_an_overlong_work_order_id_is_a_mapping_error() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_payload(工单编号="HB" + "9" * 300))
    assert caught.value.field == "工单编号" and "at most 200" in caught.value.reason


def test_api_body_declared_utf8_but_sent_in_gbk() -> None:
    body = SAMPLE.read_bytes().decode("gb18030").encode("gbk")
    reads = list(LOADER.read_body(body, "text/csv; charset=utf-8"))
    assert [read.payload for read in reads] == [read.payload for read in LOADER.read_file(SAMPLE)]


def test_tab_separated_export_reads_like_the_csv() -> None:
    reads = list(LOADER.read_file(FIXTURES / "hotline12345_tabs.csv"))
    assert [read.payload for read in reads] == [read.payload for read in LOADER.read_file(SAMPLE)][:1]


def test_a_district_given_as_its_code() -> None:
    report = LOADER.map(_payload(所属区县="410611"))
    assert report.district_code == "410611" and "district_name" not in report.extra


def test_api_body_as_a_json_array_keyed_by_the_columns() -> None:
    body = '\ufeff[{"工单编号": "HB-J1", "来电时间": "2025/5/7 8:41", "来电号码": 13803921234, "诉求内容": "漏水"}]'
    [read] = LOADER.read_body(body.encode("utf-8"), "application/json")
    assert isinstance(read, RawRecord) and read.line == 1
    report = LOADER.map(read)
    assert (report.source_id, report.parties[0].phone) == ("HB-J1", "13803921234")
    assert list(LOADER.read_body(b"\xef\xbb\xbf", None)) == []


UNCLOSED = FIXTURES / "hotline12345_unclosed_quote.csv"


def test_an_unclosed_quote_does_not_swallow_the_records_after_it() -> None:
    reads = _by_line(UNCLOSED)
    loaded = {line: read.payload["工单编号"] for line, read in reads.items() if isinstance(read, RawRecord)}
    assert loaded == {line: f"HB12345-20250701-00000{line - 1}" for line in (2, 3, 4, 5, 6, 8, 9)}
    # The stray quote is kept as text; the commas it was meant to protect stay in 诉求内容.
    stray = LOADER.map(_record(UNCLOSED, 3))
    assert stray.text == '"楼上漏水,天花板掉皮'
    assert (stray.address, stray.status) == ("淇滨区书苑小区3号楼", "已派单")
    assert reads[3].raw_text.count("\n") == 0
    assert LOADER.map(_record(UNCLOSED, 4)).text == "物业费，停车费一起收"
    # The last line's unclosed quote runs to the end of the file: read the same way.
    assert LOADER.map(_record(UNCLOSED, 9)).text == '"小区车位被占,物业不管'


def test_a_quoted_cell_over_two_lines_still_reads_after_an_unclosed_quote() -> None:
    raw = _record(UNCLOSED, 5)
    assert raw.payload["诉求内容"] == "邻居占用楼道堆放杂物\n多次协商未果"
    assert raw.raw_text.count("\n") == 1


def test_an_unclosed_quote_that_still_leaves_a_short_row_is_quarantined_alone() -> None:
    failure = _by_line(UNCLOSED)[7]
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("row 7 has a quote opening 来电号码 that is never closed")
    assert "4 cells but the header has 12" in failure.reason
    assert failure.raw_text == 'HB12345-20250701-000006,2025-07-01 10:30:00,钱女士,"电话打不通'


def test_a_quarantined_row_with_an_unclosed_quote_posted_back_alone() -> None:
    line = UNCLOSED.read_text(encoding="utf-8").splitlines()[2]
    [read] = LOADER.read_body(line.encode("utf-8"), "text/csv")
    assert isinstance(read, RawRecord) and read.line == 1
    assert read.payload["诉求内容"] == '"楼上漏水,天花板掉皮'
    body = "\n".join(UNCLOSED.read_text(encoding="utf-8").splitlines()[2:4])
    assert [read.payload["工单编号"] for read in LOADER.read_body(body, "text/csv")] == [
        "HB12345-20250701-000002",
        "HB12345-20250701-000003",
    ]


def test_two_unclosed_quotes_in_a_row_are_two_records() -> None:
    lines = UNCLOSED.read_text(encoding="utf-8").splitlines()
    second = lines[3].replace('"物业费，停车费一起收"', '"物业费')
    reads = list(LOADER.read_body("\n".join([lines[2], second, lines[6]]), "text/csv"))
    assert [(read.payload["工单编号"], read.payload["诉求内容"]) for read in reads if isinstance(read, RawRecord)] == [
        ("HB12345-20250701-000002", '"楼上漏水,天花板掉皮'),
        ("HB12345-20250701-000003", '"物业费'),
        ("HB12345-20250701-000005", "建议增设路灯。"),
    ]
