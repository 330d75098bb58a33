"""Fast phrase matching: many literal phrases found in one regex pass (leftmost, longest)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    """One phrase occurrence; end is exclusive."""

    phrase: str
    start: int
    end: int


def _trie_pattern(phrases: Iterable[str]) -> str:
    """Build a regex from a character trie: shared prefixes keep the alternation small and fast."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    """Regex for a trie node; longer continuations come first so the longest phrase wins."""
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    optional = "" in node
    if not branches:
        return ""
    if len(branches) == 1 and not optional:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if optional else body


class PhraseMatcher:
    """Find occurrences of a fixed set of phrases; immutable once built."""

    def __init__(self, phrases: Iterable[str]) -> None:
        """Compile the phrases (empty strings ignored, duplicates merged)."""
        self.phrases: frozenset[str] = frozenset(p for p in phrases if p)
        self._regex = re.compile(_trie_pattern(self.phrases)) if self.phrases else None

    def __bool__(self) -> bool:
        """True when there is at least one phrase."""
        return self._regex is not None

    def finditer(self, text: str) -> Iterator[Match]:
        """Yield non-overlapping matches, leftmost first and longest at each position."""
        if self._regex is None:
            return
        for m in self._regex.finditer(text):
            yield Match(m.group(), m.start(), m.end())

    def findall(self, text: str) -> list[Match]:
        """All matches as a list."""
        return list(self.finditer(text))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match; used for exclusion phrases."""
        return [(m.start, m.end) for m in self.finditer(text)]
