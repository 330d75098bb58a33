"""Quarantine: records that cannot be read are kept with their raw payload and a reason."""

import hashlib
import json
from datetime import UTC, datetime

from app.db.graph import Graph
from loaders.model import MappingError, RawRecord, ReadFailure


def quarantine_row(item: RawRecord | ReadFailure, reason: str, field: str | None) -> dict:
    """The row that write_quarantine stores for one unreadable record."""
    payload_json = json.dumps(item.payload, ensure_ascii=False) if isinstance(item, RawRecord) else None
    # Short enough to type in `caselink quarantine show`; unique per channel, file, line and payload.
    identity = f"{item.channel}|{item.source}|{item.line}|{item.raw_text}"
    return {
        "key": "Q-" + hashlib.sha1(identity.encode("utf-8", "replace")).hexdigest()[:12],
        "channel": item.channel,
        "source": item.source,
        "line": item.line,
        "raw_text": item.raw_text,
        "payload_json": payload_json,
        "reason": reason,
        "field": field,
        "at": datetime.now(UTC),
    }


def failure_row(item: RawRecord | ReadFailure, error: Exception | None = None) -> dict:
    """The quarantine row of a read failure or a mapping error."""
    if isinstance(item, ReadFailure):
        return quarantine_row(item, item.reason, None)
    if isinstance(error, MappingError):
        return quarantine_row(item, f"{error.field}: {error.reason}", error.field)
    return quarantine_row(item, str(error), None)


def write_quarantine(graph: Graph, rows: list[dict]) -> None:
    """Store quarantined records (idempotent on channel, source, line and payload)."""
    if rows:
        graph.write("write_quarantine", rows=rows)
