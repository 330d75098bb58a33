"""NameIndex: the one-pass search of known area names gives what one `str.find` per name gave."""

import random

from app.elements.entities import NameIndex, place_spans

NAMES = ["长风社区", "长风", "红旗街道", "山城区", "书苑社区", "书苑", "淇滨区", "城关社区", "城关", "甲"]


def find_each(text: str, names: list[str]) -> list[tuple[str, int, int]]:
    """The former way: every name of two or more characters, longest first, at its first position."""
    ordered = sorted({n for n in names if len(n) >= 2}, key=lambda n: (-len(n), n))
    return [(n, text.find(n), text.find(n) + len(n)) for n in ordered if n in text]


def test_first_occurrences_match_one_find_per_name() -> None:
    index = NameIndex(NAMES)
    rng = random.Random(3)
    pieces = [*NAMES, "漏水", "物业", "3号楼", "反映", "风", "长"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert index.first_occurrences(text) == find_each(text, NAMES), text


def test_strip_prefix_removes_the_longest_leading_name_only_when_something_follows() -> None:
    index = NameIndex(NAMES)
    assert index.strip_prefix("长风社区长风") == "长风"
    assert index.strip_prefix("长风花园") == "花园"
    assert index.strip_prefix("长风社区") == "社区"
    assert index.strip_prefix("长风") == "长风"
    assert index.strip_prefix("") == ""


def test_place_spans_take_a_plain_list_or_an_index() -> None:
    text = "山城区红旗街道长风社区长风小区3号楼楼上漏水"
    assert place_spans(text, NAMES) == place_spans(text, NameIndex(NAMES))
    assert place_spans(text, NAMES)[0] == ("长风小区3号楼", 11, 18)
