"""The channel registry, file channel detection and the shared readers' edge cases."""

import shutil
from pathlib import Path

import pytest

from loaders.base import ChannelLoader, charset_of, detect_encoding
from loaders.channels import CHANNEL_LOADERS, detect_channel, get_loader
from loaders.model import CHANNELS, RawRecord, ReadFailure
from tests.conftest import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_FILES = {
    "hotline12345": "hotline12345.csv",
    "police110": "police110.jsonl",
    "grid": "grid.jsonl",
    "qrcode": "qrcode.jsonl",
    "department": "department.csv",
}


def test_every_channel_has_a_loader() -> None:
    assert set(CHANNEL_LOADERS) == set(CHANNELS)
    for name, loader in CHANNEL_LOADERS.items():
        assert isinstance(loader, ChannelLoader)
        assert loader.name == name
        assert loader.signature <= loader.known_fields


def test_get_loader_rejects_an_unknown_channel() -> None:
    with pytest.raises(ValueError, match=r"unknown channel 'sms'.*hotline12345, police110"):
        get_loader("sms")


@pytest.mark.parametrize(("channel", "file_name"), SAMPLE_FILES.items())
def test_every_sample_is_read_and_mapped(channel: str, file_name: str) -> None:
    path = SAMPLES / file_name
    assert detect_channel(path) == channel
    loader = get_loader(channel)
    reads = list(loader.read_file(path))
    assert reads and all(isinstance(read, RawRecord) for read in reads)
    reports = [loader.map(read) for read in reads if isinstance(read, RawRecord)]
    assert all(report.channel == channel and not report.unexpected_fields for report in reports)
    assert len({report.key for report in reports}) == len(reports)


@pytest.mark.parametrize(("channel", "file_name"), SAMPLE_FILES.items())
def test_detection_by_content_when_the_name_is_neutral(tmp_path: Path, channel: str, file_name: str) -> None:
    copy = tmp_path / f"export-2025-06{Path(file_name).suffix}"
    shutil.copy(SAMPLES / file_name, copy)
    assert detect_channel(copy) == channel


def test_detection_by_name_prefix(tmp_path: Path) -> None:
    path = tmp_path / "Police110_20250601.jsonl"
    path.write_text("", encoding="utf-8")
    assert detect_channel(path) == "police110"


def test_detection_of_broken_fixtures() -> None:
    assert detect_channel(FIXTURES / "hotline12345_bad_bytes.csv") == "hotline12345"
    assert detect_channel(FIXTURES / "grid_broken.jsonl") == "grid"


def test_unknown_content_lists_the_channels(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("编号,时间\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown channel.*police110 \(police110\*\.jsonl\)"):
        detect_channel(path)


def test_ambiguous_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text('{"JJDBH": "J1", "BJSJ": "20250601080000", "eventId": "E1", "reportTime": "x"}\n')
    with pytest.raises(ValueError, match=r"ambiguous.*police110.*grid"):
        detect_channel(path)


def test_a_long_first_record_is_detected_from_its_keys(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    content = "很长" * 70_000  # longer than the head detection reads
    path.write_text(f'{{"clue_id": "Q1", "submitted_at": 1748736000000, "content": "{content}"}}\n')
    assert detect_channel(path) == "qrcode"


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ("工单编号".encode("utf-8-sig"), "utf-8-sig"),
        ("工单编号".encode(), "utf-8"),
        ("工单编号".encode("gbk"), "gb18030"),
        ("工单编号".encode()[:-1], "utf-8"),  # cut in the middle of a character
        (b"plain ascii", "utf-8"),
    ],
)
def test_detect_encoding(head: bytes, encoding: str) -> None:
    assert detect_encoding(head) == encoding


def test_charset_of_content_type() -> None:
    assert charset_of('text/csv; charset="GBK"') == "gbk"
    assert charset_of("application/json") is None
    assert charset_of(None) is None


def test_an_empty_file_has_no_records(tmp_path: Path) -> None:
    path = tmp_path / "hotline12345_empty.csv"
    path.write_bytes(b"")
    assert list(get_loader("hotline12345").read_file(path)) == []


def test_reading_streams_a_large_file(tmp_path: Path) -> None:
    line = (SAMPLES / "police110.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "police110_large.jsonl"
    path.write_text((line + "\n") * 20_000, encoding="utf-8")
    reads = get_loader("police110").read_file(path)
    first = next(reads)
    assert isinstance(first, RawRecord) and first.line == 1
    assert sum(1 for _ in reads) == 19_999


def test_read_failures_keep_the_source() -> None:
    failures = [read for read in get_loader("grid").read_file(FIXTURES / "grid_broken.jsonl")
                if isinstance(read, ReadFailure)]  # fmt: skip
    assert {failure.source for failure in failures} == {str(FIXTURES / "grid_broken.jsonl")}
    assert all(failure.channel == "grid" for failure in failures)


def test_json_lines_in_gb18030_are_read_like_utf8() -> None:
    loader = get_loader("police110")
    gbk = [read.payload for read in loader.read_file(FIXTURES / "police110_gbk.jsonl")]
    assert gbk == [read.payload for read in loader.read_file(SAMPLES / "police110.jsonl")][:2]


def test_json_body_declared_utf8_but_sent_in_gbk() -> None:
    body = (FIXTURES / "police110_gbk.jsonl").read_bytes()
    reads = list(get_loader("police110").read_body(body, "application/json; charset=utf-8"))
    assert [read.line for read in reads] == [1, 2]
    assert all(isinstance(read, RawRecord) and read.payload["BJRXM"] for read in reads)


def test_a_json_array_file_is_read_element_by_element() -> None:
    loader = get_loader("grid")
    reads = list(loader.read_file(FIXTURES / "grid_array.jsonl"))
    assert [read.line for read in reads] == [1, 2]
    assert [read.payload for read in reads] == [read.payload for read in loader.read_file(SAMPLES / "grid.jsonl")]


def test_json_lines_ending_in_commas_are_read() -> None:
    loader = get_loader("qrcode")
    reads = list(loader.read_file(FIXTURES / "qrcode_trailing_commas.jsonl"))
    assert [read.payload for read in reads] == [read.payload for read in loader.read_file(SAMPLES / "qrcode.jsonl")]


def test_a_json_array_file_is_detected_by_its_keys(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes((FIXTURES / "grid_array.jsonl").read_bytes())
    assert detect_channel(path) == "grid"
