"""Lexicons (config/lexicons/), the centre's keyword libraries, and CaseLink's own jieba tokenizer."""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg

log = logging.getLogger(__name__)
# jieba logs "Building prefix dict…" at DEBUG straight to stderr for every tokenizer; keep the CLI's output clean.
jieba.setLogLevel(logging.INFO)

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"
DEFAULT_LEXICON_DIR = CONFIG_DIR / "lexicons"
DEFAULT_KEYWORD_DIR = CONFIG_DIR / "keywords"
JIEBA_CACHE_DIR = Path(tempfile.gettempdir()) / "caselink-jieba"

RELATIONS = ("夫妻", "前夫妻", "恋人", "邻里", "业主与物业", "劳资", "亲属", "租赁", "医患", "其他")
ESCALATION_KINDS = ("threat", "self_harm", "gathering", "petition", "media", "protest", "speech")

_tokenizer_lock = threading.Lock()


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Lexicons:
    """All word lists of config/lexicons, parsed and validated."""

    user_words: dict[str, tuple[str, int | None]]
    dispute_vocab: frozenset[str]
    relations: dict[str, tuple[str, float]]
    occupations: frozenset[str]
    escalation: dict[str, str]
    negations: frozenset[str]
    breakers: frozenset[str]
    transparent: frozenset[str]
    nondispute: dict[str, float]
    conflict: dict[str, float]
    repeat: frozenset[str]
    severity: frozenset[str]
    stopwords: frozenset[str]
    synonyms: dict[str, str]
    exclusions: tuple[str, ...]
    organizations: dict[str, tuple[str, ...]]
    directory: Path = field(default=DEFAULT_LEXICON_DIR)


def _strip_comment(line: str) -> str:
    """Drop a '#' comment (whole line, or after whitespace) and surrounding blanks."""
    if line.lstrip().startswith("#"):
        return ""
    cut = line.find(" #")
    return (line[:cut] if cut >= 0 else line).strip()


def read_rows(path: Path, *, columns: int | None = None) -> list[tuple[int, list[str]]]:
    """Read a lexicon file into (line number, fields) rows, skipping blanks and comments."""
    rows: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = _strip_comment(raw)
        if not line:
            continue
        fields = line.split()
        if columns is not None and len(fields) != columns:
            raise LexiconError(f"{path.name}:{number}: expected {columns} fields, got {len(fields)}: {raw!r}")
        rows.append((number, fields))
    return rows


def _number(path: Path, line: int, value: str) -> float:
    """Parse a weight column, with an actionable error."""
    try:
        return float(value)
    except ValueError as exc:
        raise LexiconError(f"{path.name}:{line}: weight {value!r} is not a number") from exc


def _tag(path: Path, line: int, value: str) -> str:
    """Validate a jieba POS tag column (lower-case ASCII letters)."""
    if not (value.isascii() and value.isalpha() and value.islower()):
        raise LexiconError(f"{path.name}:{line}: missing or invalid jieba POS tag {value!r}")
    return value


class _Reader:
    """Collects user-dictionary words with their tags while parsing each file."""

    def __init__(self, directory: Path) -> None:
        """Remember the directory; words and tags accumulate in user_words."""
        self.directory = directory
        self.user_words: dict[str, tuple[str, int | None]] = {}

    def tagged(self, name: str, columns: int) -> list[tuple[str, list[str]]]:
        """Rows whose last column is a POS tag, as (word, middle columns).

        Registers each word with its tag for the user dictionary, and checks numeric columns
        (those that look like weights) so that errors name the file and the line.
        """
        path = self.directory / name
        result = []
        for line, fields in read_rows(path, columns=columns):
            word, tag = fields[0], _tag(path, line, fields[-1])
            for value in fields[1:-1]:
                if value[:1].isdigit():
                    _number(path, line, value)
            self.user_words.setdefault(word, (tag, None))
            result.append((word, fields[1:-1]))
        return result

    def dictionary(self, name: str) -> frozenset[str]:
        """Rows "word tag" or "word freq tag" (jieba's user-dictionary format); freq is optional."""
        path = self.directory / name
        words = []
        for line, fields in read_rows(path):
            if len(fields) not in (2, 3):
                raise LexiconError(f"{path.name}:{line}: expected 'word [freq] tag', got {fields!r}")
            word, tag = fields[0], _tag(path, line, fields[-1])
            freq = int(_number(path, line, fields[1])) if len(fields) == 3 else None
            self.user_words[word] = (tag, freq)
            words.append(word)
        return frozenset(words)

    def weighted(self, name: str) -> dict[str, float]:
        """Rows "word weight tag" as a word -> weight map."""
        path = self.directory / name
        return {word: _number(path, 0, rest[0]) for word, rest in self.tagged(name, 3)}

    def plain(self, name: str) -> list[str]:
        """Rows of one word (or phrase) each, not added to the dictionary."""
        return [fields[0] for _, fields in read_rows(self.directory / name, columns=1)]


def load_lexicons(directory: Path | None = None) -> Lexicons:
    """Load and validate every lexicon file of `directory` (default config/lexicons)."""
    directory = Path(directory or DEFAULT_LEXICON_DIR)
    reader = _Reader(directory)
    dispute_vocab = reader.dictionary("dispute.txt")
    relations = _relations(directory, reader.tagged("relations.txt", 4))
    occupations = frozenset(word for word, _ in reader.tagged("occupations.txt", 2))
    escalation = _escalation(reader.tagged("escalation.txt", 3))
    negation_rows = reader.tagged("negations.txt", 3)
    unknown = {rest[0] for _, rest in negation_rows} - {"negation", "breaker", "transparent"}
    if unknown:
        raise LexiconError(f"negations.txt: unknown kinds {sorted(unknown)} (negation, breaker, transparent)")
    nondispute = reader.weighted("nondispute.txt")
    conflict = reader.weighted("conflict.txt")
    repeat = frozenset(word for word, _ in reader.tagged("repeat.txt", 2))
    severity = frozenset(word for word, _ in reader.tagged("severity.txt", 2))
    return Lexicons(
        user_words=dict(reader.user_words),
        dispute_vocab=dispute_vocab,
        relations=relations,
        occupations=occupations,
        escalation=escalation,
        negations=frozenset(word for word, rest in negation_rows if rest[0] == "negation"),
        breakers=frozenset(word for word, rest in negation_rows if rest[0] == "breaker"),
        transparent=frozenset(word for word, rest in negation_rows if rest[0] == "transparent"),
        nondispute=nondispute,
        conflict=conflict,
        repeat=repeat,
        severity=severity,
        stopwords=frozenset(reader.plain("stopwords.txt")),
        synonyms=_synonyms(directory / "synonyms.txt"),
        exclusions=tuple(reader.plain("keyword_exclusions.txt")),
        organizations=_organizations(directory / "organizations.txt"),
        directory=directory,
    )


ORG_WORD_KINDS = ("legal", "branch", "suffix", "institution", "cut", "weak", "generic", "estate", "region")


def _organizations(path: Path) -> dict[str, tuple[str, ...]]:
    """Rows "word kind" of organizations.txt, grouped by kind (every kind present, maybe empty)."""
    words: dict[str, list[str]] = {kind: [] for kind in ORG_WORD_KINDS}
    for line, (word, kind) in read_rows(path, columns=2):
        if kind not in words:
            raise LexiconError(f"{path.name}:{line}: unknown kind {kind!r} ({', '.join(ORG_WORD_KINDS)})")
        words[kind].append(word)
    return {kind: tuple(found) for kind, found in words.items()}


def _relations(directory: Path, rows: list[tuple[str, list[str]]]) -> dict[str, tuple[str, float]]:
    """word -> (relation, weight), checking the relation code."""
    path = directory / "relations.txt"
    result: dict[str, tuple[str, float]] = {}
    for word, (relation, weight) in rows:
        if relation not in RELATIONS:
            raise LexiconError(f"{path.name}: unknown relation {relation!r} for {word!r}")
        result[word] = (relation, float(weight))
    return result


def _escalation(rows: list[tuple[str, list[str]]]) -> dict[str, str]:
    """word -> kind, checking the kind."""
    result: dict[str, str] = {}
    for word, (kind,) in rows:
        if kind not in ESCALATION_KINDS:
            raise LexiconError(f"escalation.txt: unknown kind {kind!r} for {word!r}")
        result[word] = kind
    return result


def _synonyms(path: Path) -> dict[str, str]:
    """variant -> canonical, from lines "canonical variant variant ..."."""
    result: dict[str, str] = {}
    for _, fields in read_rows(path):
        canonical, *variants = fields
        for variant in variants:
            result[variant] = canonical
    return result


def load_keyword_libraries(directory: Path) -> dict[str, list[str]]:
    """Load the centre's keyword libraries: every `*.txt` of `directory`, named by file stem.

    One word or phrase a line; blank lines and lines starting with '#' are ignored; duplicates
    are dropped keeping the first occurrence. A missing directory raises FileNotFoundError.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"keyword library directory not found: {directory}")
    libraries: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*.txt")):
        words: list[str] = []
        for raw in path.read_text(encoding="utf-8-sig").splitlines():
            word = raw.strip()
            if word and not word.startswith("#") and word not in words:
                words.append(word)
        libraries[path.stem] = words
    return libraries


def default_keyword_libraries() -> dict[str, list[str]]:
    """The libraries shipped in config/keywords, used when no reference data is loaded."""
    return load_keyword_libraries(DEFAULT_KEYWORD_DIR)


@lru_cache(maxsize=1)
def base_pos_table() -> dict[str, str]:
    """jieba's default word -> POS table (read once per process from its dict.txt)."""
    return jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    """jieba's IDF table for keyword scoring, and its median for unknown words."""
    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    table: dict[str, float] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.rstrip("\n").partition(" ")
            if value:
                table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


@dataclass(frozen=True)
class TaggingTokenizer:
    """A private jieba Tokenizer plus the POS table that goes with its dictionary."""

    tokenizer: jieba.Tokenizer
    user_tags: dict[str, str]

    def tag(self, word: str) -> str:
        """POS tag of a dictionary word; 'x' when unknown (single characters, digits, Latin)."""
        return self.user_tags.get(word) or base_pos_table().get(word, "x")

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """Segment `text` (precise mode, no HMM) into (word, start, end) tuples."""
        result = []
        pos = 0
        for word in self.tokenizer.cut(text, HMM=False):
            end = pos + len(word)
            result.append((word, pos, end))
            pos = end
        return result


UserWords = tuple[tuple[str, str, int | None], ...]


def build_tokenizer(
    user_words: dict[str, tuple[str, int | None]], extra_words: tuple[tuple[str, str], ...] = ()
) -> TaggingTokenizer:
    """Build (or reuse) a tokenizer with the user dictionary and extra (word, tag) pairs."""
    extras = {word: (tag, None) for word, tag in extra_words if word not in user_words}
    key = tuple(sorted((word, tag, freq) for word, (tag, freq) in (user_words | extras).items()))
    return _cached_tokenizer(key)


@lru_cache(maxsize=8)
def _cached_tokenizer(words: UserWords) -> TaggingTokenizer:
    """Initialise one jieba Tokenizer per distinct dictionary; the global jieba stays untouched."""
    with _tokenizer_lock:
        JIEBA_CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = os.fspath(JIEBA_CACHE_DIR)
        tokenizer.initialize()
        tags: dict[str, str] = {}
        for word, tag, freq in words:
            tokenizer.add_word(word, freq=freq, tag=tag)
            tags[word] = tag
        # add_word parks tags on the tokenizer for posseg; we keep our own table instead.
        tokenizer.user_word_tag_tab = {}
        log.debug("jieba tokenizer ready with %d user words", len(tags))
        return TaggingTokenizer(tokenizer=tokenizer, user_tags=tags)
