"""Fast phrase matching: many literal phrases found in one pass (leftmost, longest)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    """One phrase occurrence; end is exclusive."""

    phrase: str
    start: int
    end: int


class PhraseMatcher:
    """Find occurrences of a fixed set of phrases; immutable once built.

    A regex character class finds the positions where some phrase may start (in C); only there
    are the phrases with that first character tried, longest first. This beats one big regex
    alternation, which Python tries branch by branch at every position.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        """Index the phrases by first character (empty strings ignored, duplicates merged)."""
        self.phrases: frozenset[str] = frozenset(p for p in phrases if p)
        by_first: dict[str, list[str]] = {}
        for phrase in sorted(self.phrases, key=lambda p: (-len(p), p)):
            by_first.setdefault(phrase[0], []).append(phrase)
        self._by_first = {ch: tuple(group) for ch, group in by_first.items()}
        chars = "".join(re.escape(ch) for ch in sorted(by_first))
        self._starts = re.compile(f"[{chars}]") if chars else None

    def __bool__(self) -> bool:
        """True when there is at least one phrase."""
        return self._starts is not None

    def iter_all(self, text: str) -> Iterator[tuple[int, str]]:
        """Every (position, phrase) occurrence; at one position the longer phrases come first."""
        if self._starts is None:
            return
        by_first = self._by_first
        for m in self._starts.finditer(text):
            i = m.start()
            for phrase in by_first[text[i]]:
                if text.startswith(phrase, i):
                    yield i, phrase

    def longest_at_each(self, text: str) -> list[Match]:
        """The longest phrase starting at every position where one starts (overlaps included)."""
        found: list[Match] = []
        for i, phrase in self.iter_all(text):
            if not found or found[-1].start != i:
                found.append(Match(phrase, i, i + len(phrase)))
        return found

    def finditer(self, text: str) -> Iterator[Match]:
        """Yield non-overlapping matches, leftmost first and longest at each position."""
        end = 0
        for m in self.longest_at_each(text):
            if m.start >= end:
                end = m.end
                yield m



def resolve(candidates: list[Match], starts: Collection[int], ends: Collection[int]) -> list[Match]:
    """Non-overlapping matches out of candidates, preferring those on word boundaries.

    Candidates are the longest phrase at each position, in text order; starts/ends are jieba
    token boundaries. In 3号楼下水道 the phrase 楼下 straddles the tokens 楼|下水道, so 下水道 wins
    although 楼下 starts further left. Matches inside a token still count where nothing aligned
    overlaps them, so a phrase is never lost to an odd segmentation.
    """
    simple, end = [], 0
    for m in candidates:
        if m.start >= end:
            simple.append(m)
            end = m.end
    if all(m.start in starts and m.end in ends for m in simple):
        return simple  # the common case: leftmost-longest already falls on word boundaries
    ranked = sorted(candidates, key=lambda m: (not (m.start in starts and m.end in ends), m.start, -m.end))
    taken: list[Match] = []
    for m in ranked:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    taken.sort(key=lambda t: t.start)
    return taken


class MultiScanner:
    """Scan a text once for several named phrase sets (lexicons, libraries, cues) together."""

    def __init__(self, sets: Mapping[str, Iterable[str]]) -> None:
        """Index every phrase with the sets it belongs to."""
        self.names = tuple(sets)
        owners: dict[str, list[int]] = {}
        for index, name in enumerate(self.names):
            for phrase in sets[name]:
                if phrase and index not in owners.setdefault(phrase, []):
                    owners[phrase].append(index)
        self._owners = {phrase: tuple(indexes) for phrase, indexes in owners.items()}
        self._matcher = PhraseMatcher(owners)

    def scan(self, text: str) -> dict[str, list[Match]]:
        """For each set, the longest of its phrases at every position where one starts."""
        found: list[list[Match]] = [[] for _ in self.names]
        for i, phrase in self._matcher.iter_all(text):
            for index in self._owners[phrase]:
                bucket = found[index]
                # Phrases come longest first, so the first one per position and set wins.
                if not bucket or bucket[-1].start != i:
                    bucket.append(Match(phrase, i, i + len(phrase)))
        return dict(zip(self.names, found, strict=True))
