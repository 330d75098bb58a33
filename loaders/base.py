"""The channel loader contract, and the shared CSV and JSON Lines readers every channel builds on.

A loader reads its channel's own format into RawRecords (or ReadFailures, never dropping a record)
and maps one RawRecord to a StandardReport (or raises MappingError naming the upstream field).
Readers stream: a file is never loaded whole, so a large export costs constant memory.
"""

import codecs
import csv
import io
import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from fnmatch import fnmatch
from itertools import chain
from pathlib import Path
from typing import Any, ClassVar, TextIO

from pydantic import ValidationError

from loaders.geo import out_of_china
from loaders.model import Channel, MappingError, RawRecord, ReadFailure, StandardReport
from loaders.normalise import TEXT_LIMIT, clean_text, parse_time

Read = RawRecord | ReadFailure

HEAD_BYTES = 64 * 1024
"""How much of a file encoding detection and channel detection look at."""

MAX_IDENTIFIER = 200
"""Longest source id or department: identities are index keys, which Neo4j caps at about 8 kB."""
MAX_NAME = 100
"""Longest party name: names are index keys too; anything longer is text typed in the wrong field."""

# Very long free text is legitimate; the csv module's default cap (128 KiB per cell) is not enough.
csv.field_size_limit(16 * 1024 * 1024)

# Undecodable bytes become lone surrogates U+DC00+byte, whatever the codec: the row still parses,
# then it is reported as a ReadFailure showing the bytes as \xNN instead of killing the stream.
BAD_BYTES = "caselink-bad-bytes"
_BAD_BYTE = re.compile("[\udc00-\udcff]")


def _escape_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: map every undecodable byte to U+DC00+byte."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error(BAD_BYTES, _escape_bad_bytes)


def show_bad_bytes(text: str) -> str:
    """Text with undecodable bytes written as \\xNN, safe to store and display."""
    return _BAD_BYTE.sub(lambda match: f"\\x{ord(match.group()) - 0xDC00:02x}", text)


def detect_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030 (a superset of GBK), from a file's first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            # Not final: the head may end in the middle of a multi-byte character.
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    # Neither decodes cleanly: take the closer one; its bad rows become ReadFailures.
    return min(("utf-8", "gb18030"), key=lambda encoding: head.decode(encoding, "replace").count("\ufffd"))


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _failure(channel: Channel, source: str, line: int, raw_text: str, reason: str) -> ReadFailure:
    """A ReadFailure whose raw text is safe to store (bad bytes shown as \\xNN)."""
    return ReadFailure(
        channel=channel, source=source, line=line, raw_text=show_bad_bytes(raw_text), reason=reason
    )


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


class _StrayQuote(Exception):
    """A line that is a whole record on its own turned up inside a quoted cell: that quote was a typo."""


class _LineTap:
    """Feeds lines to csv.reader and keeps the ones consumed, so each row's raw text is exact.

    A continuation line (one a quoted cell runs into) that `whole_record` accepts is not given to the
    reader: it is put back and _StrayQuote raised, so an unclosed quote cannot swallow the records after it.
    """

    __slots__ = ("_back", "_lines", "_taken", "_whole_record")

    def __init__(self, lines: Iterable[str], whole_record: Callable[[str], bool] = lambda line: False) -> None:
        self._lines = iter(lines)
        self._back: list[str] = []  # lines to read again, the next one last
        self._taken: list[str] = []
        self._whole_record = whole_record

    def __iter__(self) -> "_LineTap":
        return self

    def __next__(self) -> str:
        line = self._back.pop() if self._back else next(self._lines)
        if self._taken and self._whole_record(line):
            self._back.append(line)
            raise _StrayQuote
        self._taken.append(line)
        return line

    def drain(self) -> str:
        """The raw text of the row just parsed, without its line break."""
        return "".join(self.take()).rstrip("\r\n")

    def take(self) -> list[str]:
        """The lines of the row just parsed (or given up), line breaks included."""
        lines, self._taken = self._taken, []
        return lines

    def put_back(self, lines: list[str]) -> None:
        """Lines to read again, in order, before anything else."""
        self._back.extend(reversed(lines))


def _open_quote(text: str, delimiter: str) -> int | None:
    """Where the quote opening a cell still open at the end of one physical line is, or None.

    Follows csv.reader's rules: a quote opens a cell only as its first character, `""` inside is
    a quote, and after the closing quote the cell runs on unquoted up to the next delimiter.
    """
    if '"' not in text:
        return None
    opened: int | None = None
    cell_start = True
    position = 0
    while position < len(text):
        char = text[position]
        if opened is not None:
            if char == '"' and text[position + 1 : position + 2] == '"':
                position += 1
            elif char == '"':
                opened, cell_start = None, False
        elif char == delimiter:
            cell_start = True
        else:
            if char == '"' and cell_start:
                opened = position
            cell_start = False
        position += 1
    return opened


def _literal_cells(text: str, delimiter: str) -> tuple[list[str], int]:
    """A line's cells with its unclosed quote read as text, and the index of the cell that quote starts."""
    at = _open_quote(text, delimiter) or 0
    before = next(csv.reader([text[:at]], delimiter=delimiter))[:-1] if at else []
    return before + text[at:].split(delimiter), len(before)


def _plausible_id(value: str) -> bool:
    """True for a value that can be a source id: not empty, no spaces or quotes, not too long."""
    return 0 < len(value) <= MAX_IDENTIFIER and '"' not in value and not any(char.isspace() for char in value)


def _delimiter(first_line: str) -> str:
    """`,` unless the first row has no comma but tabs or semicolons (a "Unicode text" spreadsheet export)."""
    if "," in first_line:
        return ","
    return next((mark for mark in ("\t", ";") if mark in first_line), ",")


def _header(cells: list[str]) -> list[str]:
    """Column names: trimmed, BOM-free; blank ones named by position, duplicates numbered."""
    names: list[str] = []
    for position, cell in enumerate(cells, start=1):
        name = show_bad_bytes(cell).lstrip("\ufeff").strip() or f"column {position}"
        base, copy = name, 1
        while name in names:
            copy += 1
            name = f"{base}#{copy}"
        names.append(name)
    return names


class _CsvRows:
    """Reads one CSV stream: the first non-blank row is the header, each later row a record."""

    def __init__(
        self,
        stream: TextIO,
        *,
        channel: Channel,
        source: str,
        api: bool,
        columns: tuple[str, ...] | None = None,
        signature: frozenset[str] = frozenset(),
        identity: tuple[str, ...] = (),
    ) -> None:
        self.channel, self.source, self.api = channel, source, api
        self.encoding = getattr(stream, "encoding", None) or "the declared encoding"
        self.lines: Iterator[str] = iter(stream)
        self.tap = _LineTap(())
        self.delimiter = ","
        # The standard column order, used when a body starts with data instead of a header row.
        self.columns, self.signature, self.identity = columns, signature, identity
        self.header: list[str] | None = None
        self.header_name = "the header"
        self.unnamed: set[str] = set()
        self.records = 0

    def __iter__(self) -> Iterator[Read]:
        head: list[str] = []
        for line in self.lines:
            head.append(line)
            if line.strip():
                break
        self.delimiter = _delimiter(head[-1] if head else "")
        self.tap = _LineTap(chain(head, self.lines), self._whole_record)
        reader = csv.reader(self.tap, delimiter=self.delimiter)
        row = 0
        while True:
            # Lines a quoted cell runs into are checked as records while they are read once the header is known.
            checked = self.header is not None
            try:
                cells = next(reader)
            except StopIteration:
                return
            except _StrayQuote:
                # The reader is mid-row: a new one starts at the line after the stray quote's.
                row += 1
                yield self._stray_quote(row, self.tap.take())
                reader = csv.reader(self.tap, delimiter=self.delimiter)
                continue
            except csv.Error as exc:
                row += 1
                yield self._failure(self._line(row), self.tap.drain(), f"row {row}: cannot read CSV: {exc}")
                continue
            row += 1
            lines = self.tap.take()
            raw_text = "".join(lines).rstrip("\r\n")
            # Spreadsheet exports end with rows of empty cells (`,,,,`): no record, nothing to keep.
            if not any(cell.strip() for cell in cells):
                continue
            if self.header is None and not self._take_header(cells):
                if self.header is None:
                    yield self._preamble(row, cells, raw_text)
                continue
            if self._unclosed(cells, lines, checked=checked):
                yield self._stray_quote(row, lines)
                reader = csv.reader(self.tap, delimiter=self.delimiter)
                continue
            yield self._record(row, cells, raw_text)

    def _whole_record(self, line: str) -> bool:
        """True when a line read alone is a record: the header's cell count and a plausible source id."""
        text = line.rstrip("\r\n")
        # Fewer delimiters than the header needs: no record, however its quotes are read.
        if self.header is None or text.count(self.delimiter) < len(self.header) - 1:
            return False
        if _open_quote(text, self.delimiter) is None:
            cells = next(csv.reader([text], delimiter=self.delimiter), [])
        else:
            # A record with a stray quote of its own (two typos in a row) is still a record.
            cells = self._literal(text)[0]
        if len(cells) != len(self.header):
            return False
        payload = dict(zip(self.header, cells, strict=True))
        return all(_plausible_id(payload.get(name, "")) for name in self.identity or self.header[:1])

    def _unclosed(self, cells: list[str], lines: list[str], *, checked: bool) -> bool:
        """True when a row is an unclosed quote on its first line running on into the next lines.

        So when a line it swallowed is a record (a header-less body knows its columns only after its
        first row), or its cell count is wrong and that line alone then makes enough cells, or it is
        the last line.
        """
        width = len(self.header or [])
        if len(lines) == 1 and len(cells) == width:
            return False  # the common case, decided without scanning the line
        text = lines[0].rstrip("\r\n")
        # A row of several lines has a quote open at the end of its first (the reader went on for it).
        if len(lines) == 1 and _open_quote(text, self.delimiter) is None:
            return False
        if not checked and any(self._whole_record(line) for line in lines[1:]):
            return True
        if len(cells) == width:
            return False
        return len(lines) == 1 or len(self._literal(text)[0]) == width

    def _literal(self, text: str) -> tuple[list[str], int]:
        """A line's cells with its unclosed quote read as text, and the index of the cell it starts.

        Cells beyond the header's count are joined back into that cell: the delimiters were in its text.
        """
        cells, column = _literal_cells(text, self.delimiter)
        extra = max(0, len(cells) - len(self.header or []))
        cells[column : column + extra + 1] = [self.delimiter.join(cells[column : column + extra + 1])]
        return cells, column

    def _stray_quote(self, row: int, lines: list[str]) -> Read:
        """The first line of a row an unclosed quote ran on from, read with that quote as text.

        The other lines are read again as rows of their own.
        """
        self.tap.put_back(lines[1:])
        header, text = self.header or [], lines[0].rstrip("\r\n")
        cells, column = self._literal(text)
        name = header[column] if column < len(header) else f"column {column + 1}"
        return self._record(row, cells, text, unclosed=name)

    def _take_header(self, cells: list[str]) -> bool:
        """Set the header from the first row; True when that row is data, not a header.

        A row with a single value and none of the signature columns (a title line a spreadsheet
        export puts above the header) leaves the header unset: the next row is tried.
        """
        names = {cell.lstrip("\ufeff").strip() for cell in cells}
        if not names & self.signature and sum(1 for cell in cells if cell.strip()) == 1:
            return False
        if self.columns is not None and not names & self.signature:
            self.header, self.header_name = list(self.columns), "the channel's column list"
            return True
        self.header = _header(cells)
        self.unnamed = {name for name, cell in zip(self.header, cells, strict=True) if not cell.strip()}
        return False

    def _preamble(self, row: int, cells: list[str], raw_text: str) -> ReadFailure:
        """A title line above the header: reported, since it is not read as a record."""
        expected = ", ".join(sorted(self.signature)) or "the channel's columns"
        reason = f"row {row} is a single value before the header row (expected a header with {expected}); not a record"
        return self._failure(self._line(row), raw_text, reason)

    def _line(self, row: int) -> int:
        """The record's position: the row for files, the record number for API bodies."""
        self.records += 1
        return self.records if self.api else row

    def _failure(self, line: int, raw_text: str, reason: str) -> ReadFailure:
        """A ReadFailure for one row."""
        return _failure(self.channel, self.source, line, raw_text, reason)

    def _record(self, row: int, cells: list[str], raw_text: str, unclosed: str | None = None) -> Read:
        """One data row as a RawRecord keyed by column name, or a ReadFailure naming the row.

        `unclosed` names the cell of a quote that was never closed, read as text.
        """
        header, line = self.header or [], self._line(row)
        if _BAD_BYTE.search(raw_text):
            reason = (
                f"row {row} has bytes that are not valid {self.encoding} (detected from the file's start)"
            )
            return self._failure(line, raw_text, reason)
        if len(cells) != len(header):
            reason = f"row {row} has {len(cells)} cells but {self.header_name} has {len(header)}"
            if unclosed:
                reason = (
                    f"row {row} has a quote opening {unclosed} that is never closed; read as text, "
                    f"the row has {len(cells)} cells but {self.header_name} has {len(header)}"
                )
            return self._failure(line, raw_text, reason)
        payload = dict(zip(header, cells, strict=True))
        for name in self.unnamed:
            # A trailing comma makes an unnamed column; it only matters when it holds something.
            if not payload[name].strip():
                del payload[name]
        return RawRecord(
            channel=self.channel, source=self.source, line=line, payload=payload, raw_text=raw_text
        )


def read_csv(
    stream: TextIO,
    *,
    channel: Channel,
    source: str,
    api: bool,
    columns: tuple[str, ...] | None = None,
    signature: frozenset[str] = frozenset(),
    identity: tuple[str, ...] = (),
) -> Iterator[Read]:
    """Rows of a CSV with a header row, as RawRecords keyed by column name, or ReadFailures.

    With `columns`, a stream whose first row has none of the `signature` columns has no header:
    its rows are read in that standard column order (a quarantined row posted back on its own).
    `identity` (default: the first column) names the source-id columns a line needs to count as a
    record when a quoted cell runs into it, which makes that quote a stray one.
    """
    rows = _CsvRows(
        stream, channel=channel, source=source, api=api, columns=columns, signature=signature, identity=identity
    )
    return iter(rows)


def open_text(path: Path) -> TextIO:
    """A text stream over a file in its detected encoding; bad bytes are kept, not fatal."""
    with path.open("rb") as raw:
        encoding = detect_encoding(raw.read(HEAD_BYTES))
    return path.open(encoding=encoding, errors=BAD_BYTES, newline="")


def body_text(body: bytes | str, content_type: str | None) -> TextIO:
    """A text stream over a request body: the declared charset, else the detected encoding."""
    if isinstance(body, str):
        return io.StringIO(body.removeprefix("\ufeff"), newline="")
    encoding = body_encoding(body, content_type)
    return io.TextIOWrapper(io.BytesIO(body), encoding=encoding, errors=BAD_BYTES, newline="")


def _first_char(body: bytes | str) -> str:
    """The first non-blank character of a body (after a BOM), '' when blank."""
    if isinstance(body, bytes):
        # Byte by byte: a GBK trail byte may be `[`, but a lead byte never is.
        stripped = body.removeprefix(codecs.BOM_UTF8).lstrip()
        return chr(stripped[0]) if stripped else ""
    return body.lstrip("\ufeff \t\r\n")[:1]


def body_encoding(body: bytes, content_type: str | None) -> str:
    """The declared charset when the body decodes in it, else the encoding detected from the body.

    Clients often declare `charset=utf-8` whatever they send: a GBK export posted that way is still read.
    """
    declared = _known_encoding(charset_of(content_type))
    if declared:
        try:
            body.decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            return declared
    return detect_encoding(body[:HEAD_BYTES])


# ---------------------------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------------------------

_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true/false"}


def _json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    return "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)


def _json_record(channel: Channel, source: str, line: int, text: str) -> Read:
    """One JSON text as a RawRecord, or a ReadFailure with the parser's message."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        # `{…},`: the lines of a JSON array with its brackets taken off.
        payload = _without_trailing_comma(text)
        if payload is None:
            return _failure(channel, source, line, text, f"bad JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return _failure(channel, source, line, text, "bad JSON: nested too deeply")
    if not isinstance(payload, dict):
        return _failure(channel, source, line, text, f"expected a JSON object, got {_json_type(payload)}")
    return RawRecord(channel=channel, source=source, line=line, payload=payload, raw_text=text)


def _without_trailing_comma(text: str) -> Any:
    """The JSON value of a line ending in a stray comma, or None."""
    stripped = text.rstrip()
    if not stripped.endswith(","):
        return None
    try:
        return json.loads(stripped[:-1])
    except (json.JSONDecodeError, RecursionError):
        return None


def read_json_lines(
    lines: Iterable[bytes | str], *, channel: Channel, source: str, api: bool, encoding: str = "utf-8"
) -> Iterator[Read]:
    """One object a line; blank lines skipped; line = file line, or record number for the API."""
    records = 0
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                shown = raw.decode(encoding, "backslashreplace").rstrip("\r\n")
                records += 1
                reason = f"line is not valid {encoding}: {exc.reason}"
                yield _failure(channel, source, records if api else number, shown, reason)
                continue
        else:
            text = raw.removeprefix("\ufeff") if number == 1 else raw
        text = text.rstrip("\r\n")
        if not text.strip():
            continue
        records += 1
        yield _json_record(channel, source, records if api else number, text)


def _read_json_array(text: str, *, channel: Channel, source: str) -> Iterator[Read]:
    """A JSON array body: one record per element, line = 1-based position."""
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"bad JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        yield _failure(channel, source, 1, text, reason)
        return
    if not isinstance(items, list):
        yield _failure(channel, source, 1, text, f"expected a JSON array, got {_json_type(items)}")
        return
    for number, item in enumerate(items, start=1):
        raw_text = json.dumps(item, ensure_ascii=False)
        if isinstance(item, dict):
            yield RawRecord(channel=channel, source=source, line=number, payload=item, raw_text=raw_text)
        else:
            yield _failure(
                channel, source, number, raw_text, f"expected a JSON object, got {_json_type(item)}"
            )


def _single_object(text: str) -> dict[str, Any] | None:
    """The body as one (possibly pretty-printed) JSON object, or None when it is not one."""
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _known_encoding(name: str | None) -> str | None:
    """The codec name when Python knows it, else None (an unknown charset is ignored)."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def read_json_body(body: bytes | str, content_type: str | None, *, channel: Channel) -> Iterator[Read]:
    """A JSON channel's API body: JSON Lines, a JSON array of objects, or one object."""
    if isinstance(body, bytes):
        encoding = body_encoding(body, content_type).removesuffix("-sig")
        try:
            text = body.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError:
            # Decode line by line so only the lines with bad bytes fail.
            lines = body.split(b"\n")
            yield from read_json_lines(lines, channel=channel, source="api", api=True, encoding=encoding)
            return
    else:
        text = body.removeprefix("\ufeff")
    start = text.lstrip()[:1]
    if start == "[":
        yield from _read_json_array(text, channel=channel, source="api")
        return
    single = _single_object(text) if start == "{" and "\n" in text.strip() else None
    if single is not None:
        yield RawRecord(channel=channel, source="api", line=1, payload=single, raw_text=text.strip())
        return
    # Split on \n only: str.splitlines would also split on U+2028, which JSON strings may contain.
    yield from read_json_lines(text.split("\n"), channel=channel, source="api", api=True)


# ---------------------------------------------------------------------------------------------
# Field access while mapping
# ---------------------------------------------------------------------------------------------


class Fields:
    """One payload's values read leniently: bad optional values become notes in extra['invalid']."""

    __slots__ = ("extra", "invalid", "nested_unexpected", "payload")

    def __init__(self, payload: dict[str, Any]) -> None:
        self.payload = payload
        self.extra: dict[str, Any] = {}
        self.invalid: dict[str, dict[str, Any]] = {}
        self.nested_unexpected: set[str] = set()

    def note_unknown_keys(self, where: str, entry: dict[str, Any], known: frozenset[str]) -> None:
        """Keys of a list entry (`DSR[1]`, `parties[0]`) the channel does not know: kept and reported."""
        unknown = sorted(set(entry) - known)
        if unknown:
            self.note_invalid(where, {key: entry[key] for key in unknown}, f"unknown keys {', '.join(unknown)}")
            list_name = where.split("[", 1)[0]
            self.nested_unexpected.update(f"{list_name}[].{key}" for key in unknown)

    def note_invalid(self, field: str, value: Any, reason: str) -> None:
        """Record a bad optional value: the record loads, the value is kept with the reason."""
        self.invalid[field] = {"value": value, "reason": reason}

    def text(self, key: str) -> str | None:
        """A trimmed string field (numbers as text); empty or missing → None."""
        return self.text_value(self.payload.get(key), key)

    def text_value(self, value: Any, field: str) -> str | None:
        """A trimmed string (numbers as text); empty → None; anything else is noted → None."""
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        self.note_invalid(field, value, f"expected text, got {_json_type(value)}")
        return None

    def required(self, key: str, why: str) -> str:
        """A text field that must be present; MappingError naming the field otherwise."""
        value = self.payload.get(key)
        if isinstance(value, bool | list | dict):
            raise MappingError(key, f"expected text, got {_json_type(value)}")
        text = self.text_value(value, key)
        if text is None:
            raise MappingError(key, f"missing: {why}")
        if len(text) > MAX_IDENTIFIER:
            raise MappingError(key, f"{len(text)} characters, an identifier has at most {MAX_IDENTIFIER}")
        return text

    def name(self, value: Any, field: str) -> str | None:
        """A party name (numbers as text); one longer than MAX_NAME is noted and becomes None."""
        text = self.text_value(value, field)
        if text is not None and len(text) > MAX_NAME:
            self.note_invalid(field, text, f"{len(text)} characters, a name has at most {MAX_NAME}")
            return None
        return text

    def decoded(self, key: str) -> Any:
        """A field's value; a string holding a JSON array or object (a double-encoded list) is decoded."""
        value = self.payload.get(key)
        if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
            try:
                return json.loads(value)
            except (json.JSONDecodeError, RecursionError):
                return value
        return value

    def free_text(self, key: str) -> str:
        """Free text cleaned of HTML and extra whitespace; empty when missing; a cut is noted."""
        text = clean_text(self.text(key), limit=TEXT_LIMIT + 1)
        if len(text) > TEXT_LIMIT:
            reason = f"longer than {TEXT_LIMIT} characters after cleaning; cut, the full text is in the source"
            self.note_invalid(key, text[:200] + "…", reason)
        return text[:TEXT_LIMIT]

    def time(self, key: str, formats: tuple[str, ...]) -> datetime:
        """A required time; MappingError naming the field when missing or unreadable."""
        return parse_time(self.payload.get(key), field=key, formats=formats)

    def optional_time(self, key: str, formats: tuple[str, ...]) -> datetime | None:
        """An optional time; an unreadable one is noted and becomes None."""
        value = self.payload.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_time(value, field=key, formats=formats)
        except MappingError as exc:
            self.note_invalid(key, value, exc.reason)
            return None

    def code(self, key: str, digits: int) -> str | None:
        """An area code of exactly `digits` digits; anything else is noted and becomes None."""
        text = self.text(key)
        if text is None:
            return None
        if len(text) == digits and text.isascii() and text.isdigit():
            return text
        self.note_invalid(key, text, f"expected {digits} digits")
        return None

    def number_value(self, value: Any, field: str) -> float | None:
        """A number (numeric strings accepted); empty → None; unreadable ones are noted → None."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        try:
            number = float(value if numeric else str(value).strip())
        except (ValueError, OverflowError):
            self.note_invalid(field, value, "expected a number")
            return None
        if not math.isfinite(number):
            # NaN / Infinity parse as JSON numbers but are no value; kept as text so extra stays valid JSON.
            self.note_invalid(field, str(value), "expected a finite number")
            return None
        return number

    def integer_value(self, value: Any, field: str, *, minimum: int = 0) -> int | None:
        """A whole number ≥ minimum; anything else is noted and becomes None."""
        number = self.number_value(value, field)
        if number is None:
            return None
        if not number.is_integer() or number < minimum:
            self.note_invalid(field, value, f"expected a whole number ≥ {minimum}")
            return None
        return int(number)

    def coordinates(
        self, lng: Any, lat: Any, *, lng_field: str, lat_field: str
    ) -> tuple[float | None, float | None]:
        """A (lng, lat) pair; null or 0 means absent; a lone or out-of-range value is noted.

        A pair given latitude first (a common upstream slip) is swapped back when only the swapped
        pair lies in China; the swap is noted.
        """
        x = self.number_value(lng, lng_field) or None
        y = self.number_value(lat, lat_field) or None
        if x is None and y is None:
            return None, None
        if x is None or y is None:
            field, value = (lat_field, lat) if x else (lng_field, lng)
            if field not in self.invalid:  # an unreadable value is noted already, with its own reason
                self.note_invalid(field, value, "only one of the two coordinates is given")
            return None, None
        if out_of_china(x, y) and not out_of_china(y, x):
            self.note_invalid(lng_field, [lng, lat], f"{lng_field} and {lat_field} are swapped; read swapped back")
            return y, x
        if not (-180 <= x <= 180 and -90 <= y <= 90):
            self.note_invalid(lng_field, [lng, lat], "coordinates out of range")
            return None, None
        return x, y

    def strings(self, key: str) -> list[str]:
        """A list of non-empty strings; a single string is a list of one, or of several URLs it joins."""
        value = self.decoded(key)
        if value is None:
            return []
        items = _joined_urls(value) if isinstance(value, str) else value
        if not isinstance(items, list):
            self.note_invalid(key, value, "expected a list of strings")
            return []
        if not all(isinstance(item, str) for item in items):
            self.note_invalid(key, value, "expected a list of strings")
        return [item.strip() for item in items if isinstance(item, str) and item.strip()]

    def keep(self, *keys: str) -> None:
        """Copy channel fields that are not mapped into extra, when they hold something."""
        for key in keys:
            value = self.payload.get(key)
            if value not in (None, "", [], {}):
                self.extra[key] = value

    def leftovers(self, known: frozenset[str]) -> tuple[dict[str, Any], list[str]]:
        """extra (with unknown fields' values and the invalid notes) and the unknown field names."""
        unexpected = [key for key in self.payload if key not in known]
        for key in unexpected:
            self.extra[key] = self.payload[key]
        if self.invalid:
            self.extra["invalid"] = self.invalid
        return self.extra, unexpected + sorted(self.nested_unexpected)


_URL_SEPARATORS = re.compile(r"[\s,;，；、|]+")


def _joined_urls(text: str) -> list[str]:
    """`a.jpg,b.jpg` → both URLs when every piece is a URL; otherwise the string as one item."""
    pieces = [piece for piece in _URL_SEPARATORS.split(text.strip()) if piece]
    if len(pieces) > 1 and all("://" in piece for piece in pieces):
        return pieces
    return [text]


def build_report(raw: RawRecord, fields: Fields, known: frozenset[str], **values: Any) -> StandardReport:
    """The StandardReport of a record; a model validation error becomes a MappingError."""
    extra, unexpected = fields.leftovers(known)
    try:
        return StandardReport(channel=raw.channel, extra=extra, unexpected_fields=unexpected, **values)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "record"
        raise MappingError(field, error["msg"]) from exc


# ---------------------------------------------------------------------------------------------
# Loaders
# ---------------------------------------------------------------------------------------------


class ChannelLoader(ABC):
    """Reads one upstream channel's own format and maps its records to StandardReports."""

    name: ClassVar[Channel]
    known_fields: ClassVar[frozenset[str]]
    signature: ClassVar[frozenset[str]]
    """Fields whose presence in the header or first record identifies the channel."""
    file_patterns: ClassVar[tuple[str, ...]]
    """File name patterns (lower case) that identify the channel without looking inside."""
    identity_fields: ClassVar[tuple[str, ...]]
    """The upstream fields that together identify a record within the channel."""
    text_fields: ClassVar[tuple[str, ...]]
    """The upstream fields holding the record's title and description (named when both are empty)."""

    @abstractmethod
    def read_file(self, path: Path) -> Iterator[Read]:
        """Stream the records of an export file."""

    @abstractmethod
    def read_body(self, body: bytes | str, content_type: str | None) -> Iterator[Read]:
        """Read an API request body in the channel's own format (source 'api', line = record number)."""

    @abstractmethod
    def looks_like(self, path: Path, head: str) -> bool:
        """True when a file's decoded head (its header or first record) is this channel's format."""

    @abstractmethod
    def map(self, raw: RawRecord) -> StandardReport:
        """Map one record; MappingError(upstream field, reason) when it cannot become a report."""

    def identity(self, payload: dict) -> str | None:
        """A record's identity as read, before mapping (`部门|排查编号` for departments); None when incomplete."""
        values = [str(payload.get(key) or "").strip() for key in self.identity_fields]
        return "|".join(values) if all(values) else None

    def matches_name(self, path: Path) -> bool:
        """True when the file name follows this channel's naming (e.g. `police110*.jsonl`)."""
        name = path.name.lower()
        return any(fnmatch(name, pattern) for pattern in self.file_patterns)

    def _fields(self, raw: RawRecord) -> Fields:
        """Field access for one of this channel's records."""
        if raw.channel != self.name:
            raise ValueError(f"a {raw.channel} record given to the {self.name} loader")
        return Fields(raw.payload)


class CsvChannelLoader(ChannelLoader, ABC):
    """A channel exporting CSV with a Chinese header row, in UTF-8 (with or without BOM) or GB18030."""

    columns: ClassVar[tuple[str, ...]]
    """The channel's columns in their standard order."""

    def read_file(self, path: Path) -> Iterator[Read]:
        """Stream the rows of a CSV export (row numbers count the header as row 1)."""
        with open_text(path) as stream:
            yield from read_csv(
                stream,
                channel=self.name,
                source=str(path),
                api=False,
                signature=self.signature,
                identity=self.identity_fields,
            )

    def read_body(self, body: bytes | str, content_type: str | None) -> Iterator[Read]:
        """Read a CSV request body (line = record number); rows without a header use `columns`.

        A body that is JSON (an array of objects, JSON Lines or one object keyed by the column names)
        is read as JSON: a CSV row never starts with `[` or `{`.
        """
        if _first_char(body) in ("[", "{"):
            yield from read_json_body(body, content_type, channel=self.name)
            return
        with body_text(body, content_type) as stream:
            yield from read_csv(
                stream,
                channel=self.name,
                source="api",
                api=True,
                columns=self.columns,
                signature=self.signature,
                identity=self.identity_fields,
            )

    def looks_like(self, path: Path, head: str) -> bool:
        """True when the first row is a header holding this channel's signature columns."""
        first_line = head.removeprefix("\ufeff").split("\n", 1)[0]
        header = {cell.strip() for cell in next(csv.reader([first_line], delimiter=_delimiter(first_line)), [])}
        return self.signature <= header


class JsonLinesChannelLoader(ChannelLoader, ABC):
    """A channel exporting JSON Lines (UTF-8), one object a line."""

    def read_file(self, path: Path) -> Iterator[Read]:
        """Stream the lines of a JSON Lines export (line numbers are the file's)."""
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
            encoding = detect_encoding(head).removesuffix("-sig")
            if head.removeprefix(codecs.BOM_UTF8).lstrip()[:1] == b"[":
                # A JSON array instead of JSON Lines: read whole, one record per element (line = position).
                data = head + stream.read()
                try:
                    text = data.decode(encoding).removeprefix("\ufeff")
                except UnicodeDecodeError as exc:
                    shown = data.decode(encoding, "backslashreplace")
                    yield _failure(self.name, str(path), 1, shown, f"file is not valid {encoding}: {exc.reason}")
                    return
                yield from _read_json_array(text, channel=self.name, source=str(path))
                return
            stream.seek(0)
            yield from read_json_lines(stream, channel=self.name, source=str(path), api=False, encoding=encoding)

    def read_body(self, body: bytes | str, content_type: str | None) -> Iterator[Read]:
        """Read a JSON Lines or JSON array request body."""
        return read_json_body(body, content_type, channel=self.name)

    def looks_like(self, path: Path, head: str) -> bool:
        """True when the first non-blank line is an object with this channel's signature keys."""
        first_line = next((line for line in head.removeprefix("\ufeff").split("\n") if line.strip()), "")
        if first_line.lstrip().startswith("["):
            # A JSON array file: its first element's keys are somewhere in the head.
            return all(f'"{key}"' in head for key in self.signature)
        try:
            record = json.loads(first_line)
        except json.JSONDecodeError:
            # The head may cut a long first record short: look for the quoted keys instead.
            return all(f'"{key}"' in first_line for key in self.signature)
        return isinstance(record, dict) and self.signature <= record.keys()
