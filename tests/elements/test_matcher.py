"""Phrase matching: leftmost-longest, word-boundary preference, one scan for many phrase sets."""

from __future__ import annotations

from app.elements.matcher import Match, MultiScanner, PhraseMatcher, resolve


def test_leftmost_longest() -> None:
    matcher = PhraseMatcher(["物业", "物业费", "费用", ""])
    assert [(m.phrase, m.start) for m in matcher.finditer("交物业费用")] == [("物业费", 1)]
    assert [m.phrase for m in matcher.longest_at_each("交物业费用")] == ["物业费", "费用"]
    assert not PhraseMatcher([])


def test_resolve_prefers_token_boundaries() -> None:
    text = "3号楼下水道"
    candidates = PhraseMatcher(["楼下", "下水道"]).longest_at_each(text)
    # jieba: 3 / 号 / 楼 / 下水道
    starts, ends = {0, 1, 2, 3}, {1, 2, 3, 6}
    assert resolve(candidates, starts, ends) == [Match("下水道", 3, 6)]
    # Nothing aligned overlaps: the unaligned phrase is kept rather than lost.
    assert resolve([Match("楼下", 2, 4)], starts, ends) == [Match("楼下", 2, 4)]


def test_multi_scanner_keeps_each_set_apart() -> None:
    scanner = MultiScanner({"a": ["物业", "物业公司"], "b": ["物业"], "c": ["公司"]})
    found = scanner.scan("找物业公司")
    assert [m.phrase for m in found["a"]] == ["物业公司"]
    assert [m.phrase for m in found["b"]] == ["物业"]
    assert [(m.phrase, m.start) for m in found["c"]] == [("公司", 3)]
