"""Text cleaning: turn whatever a person typed (HTML, emoji, odd widths) into analysable text.

All offsets reported by the recognizer refer to the string returned by `clean_text`, so callers
that want to highlight hits must clean the text the same way (the function is deterministic).
"""

from __future__ import annotations

import html
import re
import unicodedata

_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|p|div|li|tr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,500}>")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_NEWLINES = re.compile(r"\s*\n\s*")

# Clause delimiters after NFKC (which maps ，；：！？ to their ASCII forms); 、 is kept out on
# purpose because it separates list items inside one clause. A space counts: citizens typing on a
# phone often separate sentences with spaces instead of punctuation.
CLAUSE_DELIMITERS = frozenset(",.;:!?\n 。；！？…()[]\"'“”‘’《》【】")
# Unicode categories dropped: symbols such as emoji (So), format characters such as ZWJ and
# variation selectors (Cf), surrogates, private use and unassigned code points.
_DROP_CATEGORIES = frozenset({"So", "Sk", "Cf", "Cs", "Co", "Cn", "Cc"})
# Anything outside printable ASCII, CJK ideographs and CJK punctuation needs the per-character
# check above; most records contain nothing else, so they skip it.
_UNUSUAL = re.compile(r"[^\n\x20-\x7e\u4e00-\u9fff\u3000-\u303f\u00b7\u2014-\u201d\u2026]")


def _keep_char(ch: str) -> bool:
    """Whether a character survives cleaning (newlines do, emoji and controls do not)."""
    if ch == "\n":
        return True
    return unicodedata.category(ch) not in _DROP_CATEGORIES


def clean_text(raw: str | None) -> str:
    """Strip HTML, decode entities, NFKC-normalise, drop emoji/controls and squeeze whitespace."""
    if not raw:
        return ""
    text = str(raw)
    if "<" in text:
        text = _SCRIPT_STYLE.sub(" ", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _UNUSUAL.search(text):
        text = "".join(ch for ch in text if _keep_char(ch))
    text = _SPACES.sub(" ", text)
    text = _NEWLINES.sub("\n", text)
    return text.strip()


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """Return (start, end) of the clause around `pos`: the span between clause delimiters."""
    start = pos
    while start > 0 and text[start - 1] not in CLAUSE_DELIMITERS:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in CLAUSE_DELIMITERS:
        end += 1
    return start, end


def has_delimiter(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] contains a clause delimiter."""
    return any(ch in CLAUSE_DELIMITERS for ch in text[start:end])
