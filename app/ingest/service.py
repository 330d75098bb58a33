"""Ingest verbs: load files, take API posts, list and retry quarantine, read reports."""

import json
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.caller import Caller
from app.db.graph import Graph
from app.ingest.hooks import post_ingest_hooks
from app.ingest.reference import load_reference
from app.settings import Settings
from loaders.channels import detect_channel, get_loader
from loaders.model import MappingError, RawRecord
from loaders.pipeline import IngestPipeline, LoadSummary
from loaders.runtime import IngestRuntime

_runtime_lock = threading.Lock()
_runtime_cache: dict[str, Any] = {"version": None, "runtime": None}


# The five channel files of a data set directory (the shared samples, or what `caselink generate` writes),
# in load order.
CHANNEL_FILES = ("hotline12345.csv", "police110.jsonl", "grid.jsonl", "qrcode.jsonl", "department.csv")

def runtime_for(graph: Graph, settings: Settings) -> IngestRuntime:
    """The area index and recogniser for the current reference data, rebuilt when it changed."""
    row = graph.read_one("get_reference_version") or {}
    version = row.get("version")
    with _runtime_lock:
        if _runtime_cache["runtime"] is None or _runtime_cache["version"] != version:
            _runtime_cache["runtime"] = IngestRuntime.from_graph(graph, settings=settings)
            _runtime_cache["version"] = version
        return _runtime_cache["runtime"]


def make_pipeline(
    *, graph: Graph, settings: Settings, caller: Caller, keep_outcomes: bool = False, hooks: Iterable | None = None
) -> IngestPipeline:
    """A pipeline writing for `caller`, with the post-ingest hooks."""
    return IngestPipeline(
        graph,
        settings=settings,
        scope=caller.scope,
        hooks=post_ingest_hooks() if hooks is None else hooks,
        keep_outcomes=keep_outcomes,
        runtime=runtime_for(graph, settings),
    )


def load_paths(
    *,
    graph: Graph,
    settings: Settings,
    caller: Caller,
    paths: list[Path],
    channel: str | None = None,
    progress: Callable[[int], None] | None = None,
    hooks: Iterable | None = None,
) -> LoadSummary:
    """Load channel files (the channel detected per file unless given)."""
    pipeline = make_pipeline(graph=graph, settings=settings, caller=caller, hooks=hooks)
    summary = LoadSummary()
    for path in paths:
        name = channel or detect_channel(path)
        pipeline.ingest(get_loader(name).read_file(path), summary=summary, progress=progress)
    return summary


def channel_paths(directory: Path) -> list[Path]:
    """The five channel files of a data set directory, in load order."""
    return [directory / name for name in CHANNEL_FILES]


def load_data_set(
    *, graph: Graph, settings: Settings, caller: Caller, directory: Path, hooks: Iterable | None = None
) -> LoadSummary:
    """Load a data set directory: its reference data (`reference/`), then its five channel files."""
    load_reference(graph=graph, settings=settings, directory=directory / "reference")
    return load_paths(graph=graph, settings=settings, caller=caller, paths=channel_paths(directory), hooks=hooks)


def intake(
    *, graph: Graph, settings: Settings, caller: Caller, channel: str, body: bytes, content_type: str | None
) -> LoadSummary:
    """Take a channel's own payload posted to the API; the summary keeps one outcome per record."""
    pipeline = make_pipeline(graph=graph, settings=settings, caller=caller, keep_outcomes=True)
    summary = pipeline.ingest(get_loader(channel).read_body(body, content_type))
    summary.outcomes.sort(key=lambda outcome: outcome["line"])
    return summary


def list_quarantine(
    *, graph: Graph, status: str | None = "open", channel: str | None = None, limit: int = 100
) -> list[dict]:
    """Quarantined records, newest first."""
    return graph.read("list_quarantine", status=status, channel=channel, limit=limit)


def get_quarantine(*, graph: Graph, key: str) -> dict | None:
    """One quarantined record with its raw payload."""
    return graph.read_one("get_quarantine", key=key)


def retry_quarantine(
    *, graph: Graph, settings: Settings, caller: Caller, key: str, overrides: dict[str, str] | None = None
) -> dict:
    """Re-process a quarantined record (optionally with corrected fields); returns its new status."""
    entry = get_quarantine(graph=graph, key=key)
    if entry is None:
        raise KeyError(key)
    items = _quarantined_items(entry, overrides or {})
    pipeline = make_pipeline(graph=graph, settings=settings, caller=caller, keep_outcomes=True)
    summary = pipeline.ingest(items)
    outcome = summary.outcomes[-1] if summary.outcomes else {"status": "quarantined", "reason": "nothing read"}
    resolved = outcome["status"] != "quarantined"
    graph.write(
        "mark_quarantine_retried",
        key=key,
        status="resolved" if resolved else "open",
        reason=None if resolved else outcome.get("reason"),
        field=None,
        report_key=outcome.get("key"),
        at=datetime.now(UTC),
    )
    return {"key": key, "status": "resolved" if resolved else "open", "outcome": outcome}


def _quarantined_items(entry: dict, overrides: dict[str, str]) -> list:
    loader = get_loader(entry["channel"])
    if entry["payload_json"]:
        payload = json.loads(entry["payload_json"])
        payload.update(overrides)
        raw_text = json.dumps(payload, ensure_ascii=False)
        return [
            RawRecord(
                channel=entry["channel"], source=entry["source"], line=entry["line"], payload=payload, raw_text=raw_text
            )
        ]
    if overrides:
        raise MappingError("payload", "the record could not be read at all; fix the raw text and load it again")
    return list(loader.read_body(entry["raw_text"], None))


def get_report(*, graph: Graph, caller: Caller, channel: str, source_id: str) -> dict | None:
    """A report and the dispute it belongs to, inside the caller's jurisdiction.

    A department record's source id is `部门|排查编号`, since the number is unique per department only.
    """
    return graph.read_one("get_report_with_dispute", key=f"{channel}|{source_id}", scope=caller.scope)
