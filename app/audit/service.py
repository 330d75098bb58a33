"""Write and read the audit trail."""

import uuid
from datetime import UTC, datetime, timedelta, timezone

from app.audit.models import AuditEntryView
from app.caller import Caller
from app.db.graph import Graph

# China Standard Time has no daylight saving; a fixed offset, since the Neo4j driver crashes on ZoneInfo.
LOCAL_TZ = timezone(timedelta(hours=8), "CST")


class NotAllowed(Exception):
    """The caller's role may not do this."""


def record(*, graph: Graph, caller: Caller, action: str, target: str, path: str | None) -> str:
    """Write one audit entry for a lookup of personal data; returns its id."""
    entry_id = str(uuid.uuid4())
    graph.write("write_audit_entry", id=entry_id, at=datetime.now(UTC), username=caller.username,
                action=action, target=target, client=caller.client, path=path)
    return entry_id


def list_entries(*, graph: Graph, caller: Caller, username: str | None = None, start: datetime | None = None,
                 end: datetime | None = None, limit: int = 500) -> list[AuditEntryView]:
    """Audit entries of a window (default: the last 30 days), administrators only."""
    if caller.role != "admin":
        raise NotAllowed("the audit trail is for administrators")
    end = _aware(end) or datetime.now(UTC) + timedelta(seconds=1)
    start = _aware(start) or end - timedelta(days=30)
    rows = graph.read("list_audit_entries", username=username or None, start=start, end=end, limit=limit)
    return [AuditEntryView(**{**row, "at": row["at"].to_native()}) for row in rows]


def _aware(moment: datetime | None) -> datetime | None:
    """A time given without zone is local (China Standard Time), as users type it."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=LOCAL_TZ)
