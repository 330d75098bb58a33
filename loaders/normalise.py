"""Shared normalisation: times, ID numbers, phones, person and organization names, free text.

Used by the channel modules while mapping and later by entity resolution. Every function is pure;
patterns and tables are built once at import, because these run once per record or per party.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Literal

from loaders.model import MappingError

Gender = Literal["男", "女"]

BEIJING = timezone(timedelta(hours=8))

# ---------------------------------------------------------------------------------------------
# Times
# ---------------------------------------------------------------------------------------------

DASHED = "yyyy-MM-dd HH:mm:ss"
SLASHED = "yyyy/M/d H:mm"
COMPACT = "yyyyMMddHHmmss"
ISO_8601 = "ISO 8601 with offset"
EPOCH_MS = "epoch milliseconds"
DATE = "yyyy-MM-dd"
CN_DATE = "yyyy年M月d日"
ALL_TIME_FORMATS: tuple[str, ...] = (DASHED, SLASHED, COMPACT, ISO_8601, EPOCH_MS, DATE, CN_DATE)

# Each pattern captures year, month, day and optionally hour, minute, second.
_TIME_PATTERNS: dict[str, re.Pattern[str]] = {
    DASHED: re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: +|T)(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?"),
    # `2025.4.3` is the same shape with dots.
    SLASHED: re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?: +(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?"),
    COMPACT: re.compile(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})"),
    DATE: re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    # An optional time after the date: `2025年5月7日 8:41`, `2025年5月7日8时41分`.
    CN_DATE: re.compile(
        r"(\d{4}) *年 *(\d{1,2}) *月 *(\d{1,2}) *日"
        r"(?: *(\d{1,2}) *[:：时] *(\d{1,2})(?: *[:：分] *(\d{1,2}))? *[分秒]?)?"
    ),
}
_EPOCH_DIGITS = re.compile(r"\d{1,16}")
# Plausible report times: epoch values outside this window are a unit mistake, not a real time.
_EPOCH_MS_MIN = int(datetime(2000, 1, 1, tzinfo=UTC).timestamp() * 1000)
_EPOCH_MS_MAX = int(datetime(2100, 1, 1, tzinfo=UTC).timestamp() * 1000)


class _BadTime(ValueError):
    """The text has the shape of a format but is not a real time (month 13, epoch seconds)."""


def _from_parts(match: re.Match[str]) -> datetime:
    """A Beijing-time datetime from a match of one of the _TIME_PATTERNS."""
    parts = [int(part) if part else 0 for part in match.groups()]
    parts += [0] * (6 - len(parts))
    try:
        return datetime(*parts, tzinfo=BEIJING)
    except ValueError as exc:
        raise _BadTime(str(exc)) from exc


def _from_epoch_ms(value: int) -> datetime:
    """An aware datetime (Beijing offset) from epoch milliseconds."""
    if not _EPOCH_MS_MIN <= value < _EPOCH_MS_MAX:
        hint = "this looks like seconds" if value < 10**11 else "out of range"
        raise _BadTime(hint)
    return datetime.fromtimestamp(value / 1000, tz=BEIJING)


def _parse_one(text: str, fmt: str) -> datetime | None:
    """Parse text in one format; None when the text does not have that shape."""
    if fmt == ISO_8601:
        if len(text) < 10 or text[4] != "-":
            return None
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=BEIJING)
    if fmt == EPOCH_MS:
        return _from_epoch_ms(int(text)) if _EPOCH_DIGITS.fullmatch(text) else None
    match = _TIME_PATTERNS[fmt].fullmatch(text)
    return _from_parts(match) if match else None


def parse_time(
    value: str | int | float | None, *, field: str, formats: tuple[str, ...] = ALL_TIME_FORMATS
) -> datetime:
    """Read a time as an aware Beijing-time datetime; naive times are Beijing time.

    The field's own `formats` are tried first, then the other formats every channel uses: their
    shapes do not overlap, so a time another upstream system would write is read, not refused.
    """
    expected = " or ".join(formats)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise MappingError(field, f"missing (expected {expected})")
    if isinstance(value, bool):
        raise MappingError(field, f"cannot read time {value!r} (expected {expected})")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    reason = ""
    for fmt in formats:
        try:
            parsed = _parse_one(text, fmt)
        except _BadTime as exc:
            reason = f"{exc}; "
            continue
        if parsed is not None:
            return parsed.astimezone(BEIJING)
    if not reason:
        # Only when the own formats did not recognise the shape: `20251345250000` stays an error.
        for fmt in ALL_TIME_FORMATS:
            if fmt in formats:
                continue
            try:
                parsed = _parse_one(text, fmt)
            except _BadTime:
                continue
            if parsed is not None:
                return parsed.astimezone(BEIJING)
    raise MappingError(field, f"cannot read time '{text}' ({reason}expected {expected})")


# ---------------------------------------------------------------------------------------------
# Resident ID numbers (GB 11643-1999)
# ---------------------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_TABLE = str.maketrans(
    {"x": "X", "ｘ": "X", "Ｘ": "X", " ": None, "\u3000": None}
    | {chr(0xFF10 + digit): str(digit) for digit in range(10)}
)
_ID_SHAPE = re.compile(r"\d{17}[\dX]")


@dataclass(frozen=True, slots=True)
class IdCheck:
    """The outcome of checking one ID number; birth date and gender only when it is valid."""

    value: str
    valid: bool
    birth_date: date | None = None
    gender: Gender | None = None
    reason: str | None = None


def id_check_char(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def _birth_date(value: str) -> date | None:
    """The birth date encoded in digits 7-14, or None when it is not a real past date."""
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None
    return born if date(1900, 1, 1) <= born <= date.today() else None


def validate_id_number(value: str | None) -> IdCheck:
    """Normalise (trim, upper-case X) and check an 18-character resident ID number."""
    text = (value or "").strip().translate(_ID_TABLE)
    if not text:
        return IdCheck(text, False, reason="empty")
    if len(text) != 18:
        kind = " (first-generation 15-digit number)" if len(text) == 15 and text.isdigit() else ""
        return IdCheck(text, False, reason=f"has {len(text)} characters{kind}, expected 18")
    if not _ID_SHAPE.fullmatch(text):
        return IdCheck(text, False, reason="expected 17 digits and a digit or X")
    born = _birth_date(text)
    if born is None:
        return IdCheck(text, False, reason=f"birth date {text[6:14]} is not a real date")
    expected = id_check_char(text[:17])
    if text[17] != expected:
        return IdCheck(text, False, reason=f"check character is {text[17]}, expected {expected}")
    gender: Gender = "男" if int(text[16]) % 2 else "女"
    return IdCheck(text, True, birth_date=born, gender=gender)


# ---------------------------------------------------------------------------------------------
# Phones
# ---------------------------------------------------------------------------------------------

_PHONE_TABLE = str.maketrans(
    {chr(0xFF10 + digit): str(digit) for digit in range(10)}
    | {"＋": "+"}
    | dict.fromkeys(" \u3000\t-－—‐()（）.", None)
)
_PHONE_CHARS = re.compile(r"\+?\d+")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Three-digit area codes (010, 02x) carry 8-digit local numbers; all others have four digits.
_LANDLINE = re.compile(r"(0(?:10|2\d))([2-9]\d{7})|(0[3-9]\d{2})([2-9]\d{6,7})")
_LOCAL_NUMBER = re.compile(r"[2-9]\d{6,7}")


@dataclass(frozen=True, slots=True)
class PhoneCheck:
    """The outcome of normalising one phone: the normalised number, or the value as given."""

    value: str
    valid: bool
    kind: Literal["mobile", "landline"] | None = None
    reason: str | None = None


def _strip_country_code(digits: str) -> str:
    """Drop +86 / 0086 / 86; an international landline regains its trunk 0."""
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            rest = digits[len(prefix) :]
            return rest if rest.startswith("0") or _MOBILE.fullmatch(rest) else "0" + rest
    if len(digits) == 13 and digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        return digits[2:]
    return digits


def normalise_phone(value: str | None) -> PhoneCheck:
    """Normalise a mobile (11 digits) or landline with area code (`0392-3312345`)."""
    given = (value or "").strip()
    if not given:
        return PhoneCheck(given, False, reason="empty")
    compact = given.translate(_PHONE_TABLE)
    if not _PHONE_CHARS.fullmatch(compact):
        return PhoneCheck(given, False, reason="contains characters other than digits")
    digits = _strip_country_code(compact)
    if _MOBILE.fullmatch(digits):
        return PhoneCheck(digits, True, kind="mobile")
    landline = _LANDLINE.fullmatch(digits)
    if landline:
        area, local = (landline.group(1), landline.group(2)) if landline.group(1) else landline.group(3, 4)
        return PhoneCheck(f"{area}-{local}", True, kind="landline")
    if _LOCAL_NUMBER.fullmatch(digits):
        return PhoneCheck(given, False, reason="landline without area code")
    return PhoneCheck(
        given, False, reason="neither a mobile (1[3-9] + 9 digits) nor a landline with area code"
    )


# ---------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------

_COMPOUND_SURNAME_TEXT = (
    "欧阳司马诸葛上官东方皇甫尉迟公孙慕容夏侯长孙宇文司徒司空令狐端木独孤南宫"
    "西门轩辕钟离闻人赫连澹台公冶太史申屠呼延万俟拓跋百里东郭第五濮阳单于淳于"
)
COMPOUND_SURNAMES = frozenset(
    _COMPOUND_SURNAME_TEXT[i : i + 2] for i in range(0, len(_COMPOUND_SURNAME_TEXT), 2)
)
# Common single-character surnames: decides whether 老X / 小X is a surname form of address.
_COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯"
    "纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪"
    "简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝"
    "区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄"
    "邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束"
    "檀衣信展阴昝智幸奉植衡富尧闭由鹤"
)
# Forms of address after a surname, with the gender they imply (None: says nothing about gender).
_HONORIFICS: dict[str, Gender | None] = {
    "先生": "男", "女士": "女", "小姐": "女", "太太": "女", "夫人": "女", "阿姨": "女", "大妈": "女",
    "大娘": "女", "大姐": "女", "奶奶": "女", "婆婆": "女", "大爷": "男", "大哥": "男", "大叔": "男",
    "爷爷": "男", "老汉": "男", "同志": None, "师傅": None, "老师": None, "老板": None,
}  # fmt: skip
_HONORIFIC_ORDER = tuple(sorted(_HONORIFICS, key=len, reverse=True))
_MASK_CHARS = "某*＊X×○〇_"
_MIDDLE_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "∙": "·", "●": "·", ".": "·"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Name:
    """A parsed person name: the name without its form of address, surname, partial flag, hint."""

    base: str
    surname: str | None
    partial: bool
    hint: Gender | None


def name_key(name: str | None) -> str:
    """The comparable form of a name: NFKC, no whitespace, one middle dot."""
    if not name:
        return ""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name)).translate(_MIDDLE_DOTS)


def _surname(base: str) -> str | None:
    """The surname at the start of a name, compound surnames first."""
    if not base or "·" in base:
        return None
    if base[:2] in COMPOUND_SURNAMES:
        return base[:2]
    return base[0]


def _strip_honorific(key: str) -> tuple[str, Gender | None]:
    """Split off a trailing form of address: (the rest, the gender it implies)."""
    for honorific in _HONORIFIC_ORDER:
        if key.endswith(honorific) and len(key) > len(honorific):
            return key[: -len(honorific)], _HONORIFICS[honorific]
    return key, None


@lru_cache(maxsize=65536)
def _parse_name(key: str) -> _Name | None:
    """Parse a name key into surname, partial flag and gender hint (cached: names repeat)."""
    if not key:
        return None
    if key in _HONORIFICS:
        return _Name("", None, True, _HONORIFICS[key])
    base, hint = _strip_honorific(key)
    unmasked = base.rstrip(_MASK_CHARS)
    if unmasked != base:
        return _Name(unmasked, _surname(unmasked), True, hint)
    if base[0] in "老小阿" and (base[1:] in COMPOUND_SURNAMES or base[1:] in _COMMON_SURNAMES):
        return _Name(base, base[1:], True, hint)
    surname = _surname(base)
    # 李女士 leaves 李: when only the surname remains, the name is partial.
    return _Name(base, surname, base == surname, hint)


def surname_of(name: str | None) -> str | None:
    """The surname a name starts with (欧阳 for 欧阳娜娜, 李 for 老李 and 李女士)."""
    parsed = _parse_name(name_key(name))
    return parsed.surname if parsed else None


def is_partial_name(name: str | None) -> bool:
    """True for a surname with a form of address or a mask: 李女士, 老李, 李某, 张**."""
    parsed = _parse_name(name_key(name))
    return parsed.partial if parsed else False


def name_gender_hint(name: str | None) -> Gender | None:
    """The gender a form of address implies: 先生 → 男, 女士 → 女, otherwise None."""
    parsed = _parse_name(name_key(name))
    return parsed.hint if parsed else None


def names_compatible(
    a: str | None, b: str | None, *, gender_a: Gender | None = None, gender_b: Gender | None = None
) -> bool:
    """Could two names denote the same person? Known genders (from ID numbers) may be given."""
    pa, pb = _parse_name(name_key(a)), _parse_name(name_key(b))
    effective_a = gender_a or (pa.hint if pa else None)
    effective_b = gender_b or (pb.hint if pb else None)
    if effective_a and effective_b and effective_a != effective_b:
        return False
    if pa is None or pb is None:
        return True
    if not pa.partial and not pb.partial:
        return pa.base == pb.base
    return pa.surname is None or pb.surname is None or pa.surname == pb.surname


# ---------------------------------------------------------------------------------------------
# Organizations
# ---------------------------------------------------------------------------------------------

_ORG_MARKERS = (
    "公司", "集团", "物业", "合作社", "医院", "保健院", "卫生院", "卫生室", "诊所", "学校", "小学", "中学", "大学",
    "学院", "幼儿园", "工地", "项目部", "委员会", "居委会", "村委会", "办事处", "银行", "信用社", "协会",
    "商会", "事务所", "经营部", "门市部", "商行", "超市", "酒店", "宾馆", "饭店", "工作室", "研究院",
    "研究所", "法院", "检察院", "派出所", "政府", "中心", "工厂", "车间", "车队", "街道", "社区",
)  # fmt: skip
# Endings that make a longer name an organization (市民政局, 机械厂); too short to rely on alone.
_ORG_SUFFIXES = frozenset("局厂店所站队部馆社场行处科室会庭")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）", "〔": "（",
                           "〕": "）", "“": None, "”": None, '"': None, "《": None, "》": None})  # fmt: skip


def normalise_org(name: str | None) -> str:
    """The comparable form of an organization name: NFKC, no whitespace, brackets unified to （）."""
    if not name:
        return ""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name)).translate(_BRACKETS).upper()


def is_organization(name: str | None) -> bool:
    """True when a party name is an organization (company, co-operative, hospital, bureau, site…)."""
    key = normalise_org(name)
    if not key:
        return False
    if any(marker in key for marker in _ORG_MARKERS):
        return True
    return len(key) >= 4 and key[-1] in _ORG_SUFFIXES


# ---------------------------------------------------------------------------------------------
# Free text
# ---------------------------------------------------------------------------------------------

# Long enough for any description a person types; the cap only guards memory against a runaway cell.
TEXT_LIMIT = 100_000
_BLOCK_TAGS = re.compile(r"<(?:br|p|div|li|tr|h[1-6])\b[^<>]*>|</(?:p|div|li|tr|h[1-6])\s*>", re.IGNORECASE)
_TAGS = re.compile(
    r"<!--.*?-->|<(script|style)\b[^<>]*>.*?</\1\s*>|</?[A-Za-z][^<>]*>", re.IGNORECASE | re.DOTALL
)
# Controls and invisible characters; ZWJ (U+200D) and VS16 (U+FE0F) stay, emoji sequences need them.
_INVISIBLE = str.maketrans(
    dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x00AD, 0x200B, 0x200C,
                   0x2060, 0xFEFF], None)
)  # fmt: skip
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_LINE_BREAKS = re.compile(r" ?\n[\s]*")


def clean_text(text: str | None, *, limit: int = TEXT_LIMIT) -> str:
    """Plain text: HTML tags and entities removed, whitespace collapsed, emoji kept, capped."""
    if not text:
        return ""
    if "<" in text:
        text = _TAGS.sub("", _BLOCK_TAGS.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = _LINE_BREAKS.sub("\n", _HORIZONTAL_SPACE.sub(" ", text)).strip()
    return text[:limit]
