"""Money amounts and head counts written in Arabic or Chinese numerals (37万元, 两万元, 20余名工友)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = "零〇一二两三四五六七八九十百千万亿"
# A number: starts with a digit or a Chinese numeral (not with a bare unit such as 万 of 万一),
# continues with digits, numerals and the approximation markers 多/余/来 (十余万, 3万多).
_NUMBER = rf"(?:{_ARABIC}|[零〇一二两三四五六七八九十])(?:{_ARABIC}|[{_CN}多余来])*"
_MONEY = re.compile(rf"(?:[¥￥]\s*(?P<sym>{_ARABIC}))|(?P<num>{_NUMBER})\s*(?P<unit>块钱|元|块|圆)?")
# After 万/亿 without 元, these show the number counts something other than money.
_NOT_MONEY_AFTER = set("人名户位个次件条只头棵株亩平米斤吨公里天年月日号楼层岁倍字分秒小张台辆间套")
# 块 after a small number is money only at the end of a phrase (5块, not 两块地); after a larger
# one it is money anyway (八千块快三年), since objects are rarely counted in thousands.
_BLOCK_OK_AFTER = set("的了多左右都也呢啊吧,.;!?。 \n")
# Vague counts are read as their lower bound.
_VAGUE_COUNTS = {"数十": 10, "几十": 10, "十几": 10, "上百": 100, "数百": 100, "几百": 100, "上千": 1000, "百": 100}
_PEOPLE_NOUNS = (
    "工友|农民工|工人|村民|业主|居民|群众|家长|学生|员工|住户|商户|投资人|投资者|人员|职工|租户|老人|"
    "户主|家属|亲属|民工|人"
)
_PEOPLE = re.compile(
    rf"(?P<num>{_NUMBER}|数十|几十|十几|上百|数百|几百|上千|百(?=余|多))(?P<approx>余|多|来)?"
    rf"(?:(?P<cls>名|位|户|个)(?P<noun1>{_PEOPLE_NOUNS})?|(?P<noun2>人)(?!民|员|家|身|工|为|情|称))"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed quantity with the text it came from."""

    value: float
    text: str
    start: int
    end: int


def parse_number(raw: str) -> float | None:
    """Parse a mixed Arabic/Chinese number: 37, 3.5万, 十二万, 一万五, 3万5千, 两千."""
    text = raw.replace(",", "").replace("多", "").replace("余", "").replace("来", "")
    if not text:
        return None
    total = 0.0
    section = 0.0
    number: float | None = None
    last_unit = 0
    i = 0
    while i < len(text):
        m = re.match(r"\d+(?:\.\d+)?", text[i:])
        if m:
            number = float(m.group())
            i += m.end()
            continue
        ch = text[i]
        i += 1
        if ch in _DIGITS:
            number = float(_DIGITS[ch])
        elif ch in _SMALL_UNITS:
            section += (number if number is not None else 1.0) * _SMALL_UNITS[ch]
            number, last_unit = None, _SMALL_UNITS[ch]
        elif ch in _BIG_UNITS:
            total = (total + section + (number or 0.0)) * _BIG_UNITS[ch] if ch == "亿" else total + (
                section + (number or 0.0)
            ) * _BIG_UNITS[ch]
            section, number, last_unit = 0.0, None, _BIG_UNITS[ch]
        else:
            return None
    if number is not None:
        # Colloquial trailing digit after a unit: 一万五 = 15000, 三千五 = 3500.
        trailing_digit = number < 10 and number == int(number) and last_unit >= 10
        section += number * (last_unit // 10) if trailing_digit else number
    return total + section


def find_amounts(text: str) -> list[Quantity]:
    """Money amounts in yuan: 37万元, 3.5万, 2000元, 两万元, ¥800, 500块钱."""
    found: list[Quantity] = []
    for m in _MONEY.finditer(text):
        value = parse_number(m.group("sym")) if m.group("sym") else _money_value(text, m)
        if value is not None and value > 0:
            found.append(Quantity(value, m.group().strip(), m.start(), m.end()))
    return found


def _money_value(text: str, m: re.Match[str]) -> float | None:
    """Value of a number match if the context shows it is money."""
    num, unit = m.group("num"), m.group("unit")
    after = text[m.end() : m.end() + 1]
    if unit == "块" and after and after not in _BLOCK_OK_AFTER and (parse_number(num) or 0) < 10:
        return None
    if not unit:
        if not any(u in num for u in _BIG_UNITS) or after in _NOT_MONEY_AFTER:
            return None
        if not re.search(r"[\d零〇一二两三四五六七八九十百千]", num.split("万")[0].split("亿")[0] or "x"):
            return None
    return parse_number(num)


def find_people_counts(text: str) -> list[Quantity]:
    """Head counts: 20余名工友 -> 20, 23名农民工 -> 23, 三十多户村民 -> 30, 百余人 -> 100."""
    found: list[Quantity] = []
    for m in _PEOPLE.finditer(text):
        if m.group("cls") == "个" and not m.group("noun1"):
            continue  # 3个月, 两个问题: 个 counts people only before a people noun
        raw = m.group("num")
        value = _VAGUE_COUNTS.get(raw) or parse_number(raw)
        if value is None or value < 1 or value > 1_000_000 or value != int(value):
            continue
        found.append(Quantity(value, m.group(), m.start(), m.end()))
    return found
