"""Department screenings (UTF-8 CSV): identity (部门, 排查编号), aligned party lists, broken rows."""

from datetime import datetime
from pathlib import Path

import pytest

from loaders.channels import get_loader
from loaders.model import MappingError, RawRecord, ReadFailure
from loaders.normalise import BEIJING
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "department.csv"
BROKEN = Path(__file__).parent / "fixtures" / "department_broken.csv"
LOADER = get_loader("department")


def _by_line(path: Path) -> dict[int, RawRecord | ReadFailure]:
    return {read.line: read for read in LOADER.read_file(path)}


def _record(path: Path, line: int) -> RawRecord:
    read = _by_line(path)[line]
    assert isinstance(read, RawRecord), read
    return read


def test_sample_identity_and_fields() -> None:
    report = LOADER.map(_record(SAMPLE, 2))
    assert (report.department, report.source_id) == ("市民政局", "MZ-2025-0031")
    assert report.key == "department|市民政局|MZ-2025-0031"
    assert report.reported_at == datetime(2025, 3, 28, tzinfo=BEIJING)
    assert report.channel_label == "婚姻家庭"
    assert report.risk_level == "高"
    assert report.resolved is False
    assert report.address == "山城区长风小区5号楼"
    assert report.text.startswith("双方离婚后因女儿抚养费")
    first, second = report.parties
    assert (first.index, first.name, first.id_number, first.phone) == (
        0, "尚雪梅", "410603198803122023", "13569281234",
    )  # fmt: skip
    assert (second.index, second.name, second.id_number, second.phone) == (
        1, "牛建军", "410603198203151234", None,
    )  # fmt: skip
    assert not report.unexpected_fields


def test_sample_organization_party_and_short_id_list() -> None:
    report = LOADER.map(_record(SAMPLE, 3))
    assert report.reported_at == datetime(2025, 4, 12, tzinfo=BEIJING)
    person, company = report.parties
    assert (person.name, person.id_number, person.phone) == ("李秀兰", "410603196605184224", "13803921234")
    assert (company.index, company.name, company.id_number, company.phone) == (
        1, "鹤壁市安居物业服务有限公司", None, "0392-3312345",
    )  # fmt: skip


def test_sample_three_parties_with_empty_phones() -> None:
    report = LOADER.map(_record(SAMPLE, 4))
    assert [party.name for party in report.parties] == ["张国庆", "王小虎", "刘大勇"]
    assert [party.phone for party in report.parties] == ["13503920011", None, None]
    assert [party.index for party in report.parties] == [0, 1, 2]


def test_other_separators_and_unknown_values() -> None:
    report = LOADER.map(_record(BROKEN, 2))
    assert [party.name for party in report.parties] == ["王小虎", "刘大勇", "鹤壁市恒达建筑劳务有限公司"]
    assert [party.id_number for party in report.parties] == ["410622198002191714", None, None]
    assert [party.phone for party in report.parties] == ["13503920011", None, "0392-3312345"]
    assert report.risk_level is None and report.resolved is None
    assert set(report.extra["invalid"]) == {"风险等级", "是否化解"}


@pytest.mark.parametrize(("line", "field"), [(3, "部门"), (4, "排查日期"), (6, "排查编号")])
def test_missing_identity_or_unreadable_date(line: int, field: str) -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(BROKEN, line))
    assert caught.value.field == field


def test_unreadable_date_says_which_formats() -> None:
    with pytest.raises(MappingError) as caught:
        LOADER.map(_record(BROKEN, 4))
    assert "'2025年13月1日'" in caught.value.reason
    assert "yyyy-MM-dd or yyyy年M月d日" in caught.value.reason


def test_wrong_cell_count() -> None:
    failure = _by_line(BROKEN)[5]
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "row 5 has 10 cells but the header has 11"


def test_unknown_column_is_reported(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "department_extra.csv"
    path.write_text(f"{lines[0]},备注\n{lines[1]},需回访\n", encoding="utf-8")
    [raw] = LOADER.read_file(path)
    assert isinstance(raw, RawRecord)
    report = LOADER.map(raw)
    assert report.unexpected_fields == ["备注"]
    assert report.extra["备注"] == "需回访"


def test_trailing_empty_column_is_not_reported(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "department_trailing.csv"
    path.write_text(f"{lines[0]},\n{lines[1]},\n", encoding="utf-8")
    [raw] = LOADER.read_file(path)
    assert isinstance(raw, RawRecord)
    assert LOADER.map(raw).unexpected_fields == []


VARIANTS = Path(__file__).parent / "fixtures" / "department_variants.csv"


def test_bom_slashed_and_dotted_dates_and_rows_of_empty_cells() -> None:
    reads = _by_line(VARIANTS)
    assert sorted(reads) == [2, 3]  # rows of empty cells (`,,,,`) are no records
    first, second = LOADER.map(_record(VARIANTS, 2)), LOADER.map(_record(VARIANTS, 3))
    assert first.reported_at == second.reported_at == datetime(2025, 6, 1, tzinfo=BEIJING)
    assert [(p.index, p.name, p.id_number, p.phone) for p in first.parties] == [
        (0, "尚雪梅", None, "13569281234"),
        (1, "牛建军", "410603198203151234", None),
    ]
    assert first.text == "离婚后抚养费纠纷,\n多次争吵"


def test_an_unclosed_quote_loses_no_later_screening(tmp_path: Path) -> None:
    header = "部门,行业领域,排查编号,排查日期,当事人,身份证号,联系电话,地址,纠纷简述,风险等级,是否化解"
    rows = [
        '市民政局,婚姻家庭,MZ-2025-0201,2025-07-01,尚雪梅,,,山城区,"夫妻争吵,已调解,低,是',
        "市民政局,婚姻家庭,MZ-2025-0202,2025-07-01,牛建军,,,淇县,财产分割纠纷。,中,否",
        '市住建局,物业,ZJ-2025-0203,2025-07-02,王小虎,,,淇滨区,"物业费纠纷\n多次投诉",低,否',
    ]
    path = tmp_path / "department_unclosed.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    reads = _by_line(path)
    assert all(isinstance(read, RawRecord) for read in reads.values()), reads
    assert {line: read.payload["排查编号"] for line, read in reads.items()} == {
        2: "MZ-2025-0201",
        3: "MZ-2025-0202",
        4: "ZJ-2025-0203",
    }
    assert (reads[2].payload["纠纷简述"], reads[2].payload["是否化解"]) == ('"夫妻争吵,已调解', "是")
    assert reads[4].payload["纠纷简述"] == "物业费纠纷\n多次投诉"
