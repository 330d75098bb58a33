"""Shared normalisation: times, ID numbers, phones, names, organizations, free text."""

from datetime import date, datetime, timedelta, timezone

import pytest

from loaders.model import MappingError
from loaders.normalise import (
    BEIJING,
    CN_DATE,
    COMPACT,
    DASHED,
    DATE,
    EPOCH_MS,
    ISO_8601,
    SLASHED,
    clean_text,
    id_check_char,
    is_organization,
    is_partial_name,
    name_gender_hint,
    name_key,
    names_compatible,
    normalise_org,
    normalise_phone,
    parse_time,
    surname_of,
    validate_id_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-05-07 08:41:22", datetime(2025, 5, 7, 8, 41, 22, tzinfo=BEIJING)),
        ("2025/5/7 8:41", datetime(2025, 5, 7, 8, 41, tzinfo=BEIJING)),
        ("2025/4/15 19:02", datetime(2025, 4, 15, 19, 2, tzinfo=BEIJING)),
        ("20250429153012", datetime(2025, 4, 29, 15, 30, 12, tzinfo=BEIJING)),
        ("2025-05-06T16:20:00+08:00", datetime(2025, 5, 6, 16, 20, tzinfo=BEIJING)),
        (1742002260000, datetime(2025, 3, 15, 9, 31, tzinfo=BEIJING)),
        ("1742002260000", datetime(2025, 3, 15, 9, 31, tzinfo=BEIJING)),
        ("2025-04-03", datetime(2025, 4, 3, tzinfo=BEIJING)),
        ("2025年4月3日", datetime(2025, 4, 3, tzinfo=BEIJING)),
        (" 2025年04月03日 ", datetime(2025, 4, 3, tzinfo=BEIJING)),
    ],
)
def test_parse_time_reads_every_channel_format(text: str | int, expected: datetime) -> None:
    parsed = parse_time(text, field="t")
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("text", ["2025-06-01T08:00:00Z", "2025-06-01T16:00:00+0800", "2025-06-01T10:00:00+02:00"])
def test_parse_time_stores_any_offset_as_beijing_time(text: str) -> None:
    parsed = parse_time(text, field="reportTime", formats=(ISO_8601,))
    assert parsed == datetime(2025, 6, 1, 16, 0, tzinfo=BEIJING)
    assert parsed.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    ("value", "formats", "expected"),
    [
        ("2025-04-29 15:30:12", (COMPACT,), datetime(2025, 4, 29, 15, 30, 12, tzinfo=BEIJING)),
        ("2025/5/7 8:41", (DASHED,), datetime(2025, 5, 7, 8, 41, tzinfo=BEIJING)),
        (1746519600000, (ISO_8601,), datetime(2025, 5, 6, 16, 20, tzinfo=BEIJING)),
        ("2025-05-07 08:41:22.0", (DASHED,), datetime(2025, 5, 7, 8, 41, 22, tzinfo=BEIJING)),
        ("2025/4/3", (DATE, CN_DATE), datetime(2025, 4, 3, tzinfo=BEIJING)),
        ("2025.4.3", (DATE, CN_DATE), datetime(2025, 4, 3, tzinfo=BEIJING)),
        ("2025年5月7日 8:41", (CN_DATE,), datetime(2025, 5, 7, 8, 41, tzinfo=BEIJING)),
        ("2025年5月7日8时41分30秒", (CN_DATE,), datetime(2025, 5, 7, 8, 41, 30, tzinfo=BEIJING)),
    ],
)
def test_parse_time_reads_another_channels_format_too(
    value: object, formats: tuple[str, ...], expected: datetime
) -> None:
    assert parse_time(value, field="t", formats=formats) == expected  # type: ignore[arg-type]


def test_parse_time_treats_naive_iso_as_beijing() -> None:
    parsed = parse_time("2025-06-01T08:00:00", field="reportTime", formats=(ISO_8601,))
    assert parsed.tzinfo == BEIJING


@pytest.mark.parametrize(
    ("value", "formats", "fragment"),
    [
        ("2025-13-45", (COMPACT,), "cannot read time '2025-13-45' (expected yyyyMMddHHmmss)"),
        ("20251345250000", (COMPACT,), "month must be in 1..12"),
        ("2025-05-07 8点", (COMPACT,), "expected yyyyMMddHHmmss"),
        ("20250403", (DATE, CN_DATE), "expected yyyy-MM-dd or yyyy年M月d日"),
        ("   ", (DASHED,), "missing"),
        (1742002260, (EPOCH_MS,), "this looks like seconds"),
        ("2025年2月30日", (DATE, CN_DATE), "day is out of range"),
        ("", (SLASHED,), "missing"),
        (None, (DASHED,), "missing"),
        (True, (EPOCH_MS,), "cannot read time"),
    ],
)
def test_parse_time_names_the_field_and_the_expected_format(
    value: object, formats: tuple[str, ...], fragment: str
) -> None:
    with pytest.raises(MappingError) as caught:
        parse_time(value, field="BJSJ", formats=formats)  # type: ignore[arg-type]
    assert caught.value.field == "BJSJ"
    assert fragment in caught.value.reason


@pytest.mark.parametrize(
    ("value", "birth", "gender"),
    [
        ("410603198803122023", date(1988, 3, 12), "女"),
        ("410603196605184224", date(1966, 5, 18), "女"),
        ("410603198203151234", date(1982, 3, 15), "男"),
        ("41060319900101106X", date(1990, 1, 1), "女"),
    ],
)
def test_valid_id_numbers(value: str, birth: date, gender: str) -> None:
    check = validate_id_number(value)
    assert check.valid and check.reason is None
    assert (check.value, check.birth_date, check.gender) == (value, birth, gender)


def test_id_number_lower_case_x_is_normalised() -> None:
    check = validate_id_number(" 41060319900101106x ")
    assert check.valid
    assert check.value == "41060319900101106X"


def test_the_mistyped_sample_id_is_invalid() -> None:
    check = validate_id_number("41060319660518422X")
    assert not check.valid
    assert check.value == "41060319660518422X"
    assert check.reason == "check character is X, expected 4"
    assert check.birth_date is None and check.gender is None


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "empty"),
        (None, "empty"),
        ("41060319880312202", "has 17 characters, expected 18"),
        ("410603880312202", "first-generation"),
        ("41060319880312202A", "17 digits and a digit or X"),
        ("410603198813322023", "birth date 19881332"),
        ("410603218803122023", "birth date 21880312"),
    ],
)
def test_invalid_id_numbers_say_why(value: str | None, fragment: str) -> None:
    check = validate_id_number(value)
    assert not check.valid
    assert fragment in (check.reason or "")


def test_id_check_char_follows_gb11643() -> None:
    assert id_check_char("41060319880312202") == "3"
    assert id_check_char("41060319660518422") == "4"


@pytest.mark.parametrize(
    ("value", "normalised", "kind"),
    [
        ("13803921234", "13803921234", "mobile"),
        ("138 0392 1234", "13803921234", "mobile"),
        ("138-0392-1234", "13803921234", "mobile"),
        ("+86 138 0392 1234", "13803921234", "mobile"),
        ("8613803921234", "13803921234", "mobile"),
        ("１３８０３９２１２３４", "13803921234", "mobile"),
        ("0392-3312345", "0392-3312345", "landline"),
        ("03923312345", "0392-3312345", "landline"),
        ("0392 3312345", "0392-3312345", "landline"),
        ("(0392)3312345", "0392-3312345", "landline"),
        ("+86 392 3312345", "0392-3312345", "landline"),
        ("010-62345678", "010-62345678", "landline"),
    ],
)
def test_phone_normalisation(value: str, normalised: str, kind: str) -> None:
    check = normalise_phone(value)
    assert check.valid
    assert (check.value, check.kind) == (normalised, kind)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "empty"),
        ("3312345", "without area code"),
        ("138****1234", "other than digits"),
        ("12345", "neither a mobile"),
        ("1380392123", "neither a mobile"),
        ("12803921234", "neither a mobile"),
    ],
)
def test_invalid_phones_are_kept_as_given(value: str, fragment: str) -> None:
    check = normalise_phone(value)
    assert not check.valid
    assert check.value == value.strip()
    assert fragment in (check.reason or "")


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("李女士", "李秀兰", True),
        ("李秀兰", "李秀英", False),
        ("张先生", "张国庆", True),
        ("张先生", "张女士", False),
        ("欧阳女士", "欧阳娜娜", True),
        ("老李", "李秀兰", True),
        ("李某", "李秀兰", True),
        ("李**", "李秀兰", True),
        ("李秀兰", "李 秀兰", True),
        ("李女士", "王秀兰", False),
        ("欧女士", "欧阳娜娜", False),
        ("司马先生", "司马光", True),
        ("小王", "王小虎", True),
        ("李秀兰", None, True),
    ],
)
def test_names_compatible_matrix(a: str, b: str | None, compatible: bool) -> None:
    assert names_compatible(a, b) is compatible
    assert names_compatible(b, a) is compatible


def test_a_form_of_address_against_a_known_gender() -> None:
    assert names_compatible("李先生", "李秀兰", gender_b="女") is False
    assert names_compatible("李女士", "李秀兰", gender_b="女") is True
    assert names_compatible("李秀兰", "李秀兰", gender_a="男", gender_b="女") is False


@pytest.mark.parametrize(
    ("name", "partial", "surname", "hint"),
    [
        ("李女士", True, "李", "女"),
        ("张先生", True, "张", "男"),
        ("老李", True, "李", None),
        ("李某某", True, "李", None),
        ("欧阳女士", True, "欧阳", "女"),
        ("欧阳娜娜", False, "欧阳", None),
        ("诸葛亮", False, "诸葛", None),
        ("李秀兰", False, "李", None),
        ("李秀兰女士", False, "李", "女"),
        ("先生", True, None, "男"),
    ],
)
def test_name_parts(name: str, partial: bool, surname: str | None, hint: str | None) -> None:
    assert is_partial_name(name) is partial
    assert surname_of(name) == surname
    assert name_gender_hint(name) == hint


def test_name_key_unifies_width_spaces_and_dots() -> None:
    assert name_key(" 李 秀兰 ") == "李秀兰"
    assert name_key("阿依古丽•买买提") == name_key("阿依古丽·买买提")
    assert name_key(None) == ""


@pytest.mark.parametrize(
    "name",
    [
        "鹤壁市安居物业服务有限公司",
        "鹤壁市恒达建筑劳务有限公司",
        "淇县某某农业专业合作社",
        "鹤壁市人民医院",
        "鹤壁市妇幼保健院",
        "淇滨区实验学校",
        "市民政局",
        "恒达工地",
        "某某有限责任公司",
    ],
)
def test_organizations(name: str) -> None:
    assert is_organization(name)


@pytest.mark.parametrize("name", ["李秀兰", "欧阳娜娜", "张先生", "王小虎", "诸葛亮", "", None])
def test_persons_are_not_organizations(name: str | None) -> None:
    assert not is_organization(name)


def test_normalise_org_unifies_spaces_width_and_brackets() -> None:
    expected = "鹤壁市安居物业服务有限公司（淇滨分公司）"
    assert normalise_org(" 鹤壁市安居物业服务有限公司(淇滨分公司) ") == expected
    assert normalise_org("鹤壁市安居物业服务有限公司 【淇滨分公司】") == expected
    assert normalise_org("鹤壁市安居物业服务有限公司（淇滨分公司）") == expected
    assert normalise_org("ＡＢＣ物业") == "ABC物业"


def test_clean_text_strips_html_and_keeps_emoji() -> None:
    text = "<p>楼上&nbsp;装修</p><br/>噪音😡  很大 👨\u200d👩\u200d👧<script>alert(1)</script>&lt;b&gt;"
    assert clean_text(text) == "楼上 装修\n噪音😡 很大 👨\u200d👩\u200d👧<b>"


def test_clean_text_collapses_whitespace_and_invisible_characters() -> None:
    assert clean_text("  a\r\n\r\n\t b\u200b c\x00 \n\n") == "a\nb c"
    assert clean_text("价格<100元") == "价格<100元"
    assert clean_text(None) == ""


def test_clean_text_caps_only_runaway_text() -> None:
    assert len(clean_text("纠" * 50_000)) == 50_000
    assert len(clean_text("纠" * 150_000)) == 100_000
    assert clean_text("纠纷" * 10, limit=5) == "纠纷纠纷纠"


def test_beijing_is_utc_plus_eight() -> None:
    assert timezone(timedelta(hours=8)) == BEIJING
