"""Write and read the audit trail."""

import logging
import threading
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from app.audit.models import AuditEntryView
from app.caller import Caller
from app.db.graph import Graph

# China Standard Time has no daylight saving; a fixed offset, since the Neo4j driver crashes on ZoneInfo.
LOCAL_TZ = timezone(timedelta(hours=8), "CST")
# Entries are written in batches off the request path: at most this many seconds after the lookup, or
# as soon as this many wait; reading the trail (and the service stopping) writes what waits first.
FLUSH_SECONDS = 0.25
FLUSH_SIZE = 200
# Entries kept for another try when Neo4j refused a batch; beyond this the oldest are dropped (and logged).
MAX_PENDING = 10_000
log = logging.getLogger(__name__)


class _Pending:
    """Audit entries waiting to be written, per graph, and the timer that writes them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: list[tuple[Graph, dict[str, Any]]] = []
        self.timer: threading.Timer | None = None

    def add(self, graph: Graph, entry: dict[str, Any]) -> None:
        """Queue one entry; write the batch now when it is full, else within FLUSH_SECONDS."""
        with self.lock:
            self.entries.append((graph, entry))
            full = len(self.entries) >= FLUSH_SIZE
            if not full and self.timer is None:
                self.timer = threading.Timer(FLUSH_SECONDS, self.flush)
                self.timer.daemon = True
                self.timer.start()
        if full:
            self.flush()

    def flush(self) -> None:
        """Write every waiting entry (one UNWIND per graph); entries Neo4j refused wait for the next flush."""
        with self.lock:
            entries, self.entries = self.entries, []
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
        batches: dict[int, tuple[Graph, list[dict[str, Any]]]] = {}
        for graph, entry in entries:
            batches.setdefault(id(graph), (graph, []))[1].append(entry)
        for graph, rows in batches.values():
            try:
                graph.write("write_audit_entries", rows=rows)
            except Exception:  # a timer thread has no caller to raise to: keep the entries for the next flush
                log.exception("%d audit entries not written yet", len(rows))
                self._keep(graph, rows)

    def _keep(self, graph: Graph, rows: list[dict[str, Any]]) -> None:
        with self.lock:
            self.entries[:0] = [(graph, row) for row in rows]
            if len(self.entries) > MAX_PENDING:
                log.error("%d audit entries dropped", len(self.entries) - MAX_PENDING)
                del self.entries[:len(self.entries) - MAX_PENDING]


_PENDING = _Pending()


class NotAllowed(Exception):
    """The caller's role may not do this."""


def record(*, graph: Graph, caller: Caller, action: str, target: str, path: str | None) -> str:
    """Audit one lookup of personal data (written within FLUSH_SECONDS, batched); returns the entry's id."""
    entry_id = str(uuid.uuid4())
    _PENDING.add(graph, {"id": entry_id, "at": datetime.now(UTC), "username": caller.username, "action": action,
                         "target": target, "client": caller.client, "path": path})
    return entry_id


def flush() -> None:
    """Write the audit entries this process still holds."""
    _PENDING.flush()


def list_entries(*, graph: Graph, caller: Caller, username: str | None = None, start: datetime | None = None,
                 end: datetime | None = None, limit: int = 500) -> list[AuditEntryView]:
    """Audit entries of a window (default: the last 30 days), administrators only."""
    if caller.role != "admin":
        raise NotAllowed("the audit trail is for administrators")
    flush()
    end = _aware(end) or datetime.now(UTC) + timedelta(seconds=1)
    start = _aware(start) or end - timedelta(days=30)
    rows = graph.read("list_audit_entries", username=username or None, start=start, end=end, limit=limit)
    return [AuditEntryView(**{**row, "at": row["at"].to_native()}) for row in rows]


def _aware(moment: datetime | None) -> datetime | None:
    """A time given without zone is local (China Standard Time), as users type it."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=LOCAL_TZ)
