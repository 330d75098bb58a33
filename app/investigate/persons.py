"""Person profiles and timelines of persons and areas."""

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction

from app.caller import Caller
from app.db.graph import Graph
from app.investigate.config import get_config
from app.investigate.models import (
    DisputeBrief,
    LinkedPerson,
    NodeRef,
    PersonDispute,
    PersonProfile,
    Timeline,
    TimelineEvent,
)
from app.investigate.nodes import as_datetime, node_ref, plain, scrub, shown_key
from app.privacy import mask_id_number, mask_phone

Row = dict[str, Any]
_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)


def profile(*, graph: Graph, caller: Caller, pid: str) -> PersonProfile | None:
    """Identifiers, disputes by role, notices, warnings and linked persons; None when not visible."""
    limit = get_config().timeline.max_limit

    def work(tx: ManagedTransaction) -> PersonProfile | None:
        rows = graph.run_in(tx, "get_person_profile", pid=pid, scope=caller.scope)
        if not rows:
            return None
        cases = graph.run_in(tx, "list_person_cases", pid=pid, scope=caller.scope, limit=limit)
        warnings = graph.run_in(tx, "list_person_warnings", pid=pid, scope=caller.scope)
        linked = graph.run_in(tx, "list_linked_persons", pid=pid, scope=caller.scope, limit=limit)
        return _profile(rows[0], cases, warnings, linked, caller)

    return graph.execute_read(work)


def _profile(row: Row, cases: list[Row], warnings: list[Row], linked: list[Row], caller: Caller) -> PersonProfile:
    person = plain(row["person"])
    disputes = [PersonDispute(roles=c["roles"] or [], dispute=DisputeBrief(**scrub(c["dispute"], caller)))
                for c in cases]
    by_role = Counter(role for d in disputes for role in d.roles)
    return PersonProfile(
        pid=person["pid"],
        name=person.get("name"),
        gender=person.get("gender"),
        birth_date=_birth(person.get("birth_date"), caller),
        aliases=person.get("aliases") or [],
        id_numbers=[v if caller.sees_identifiers else mask_id_number(v) or "" for v in row["id_numbers"]],
        phones=[v if caller.sees_identifiers else mask_phone(v) or "" for v in row["phones"]],
        key_person=bool(person.get("key_person")),
        key_person_entries=[scrub(e, caller) for e in row["entries"]],
        disputes=disputes,
        disputes_by_role=dict(by_role),
        notices=[scrub(n, caller) for n in row["notices"]],
        warnings=[scrub(w["warning"], caller) for w in warnings],
        linked_persons=[_linked(r, caller) for r in linked],
    )


def _birth(value: Any, caller: Caller) -> str | None:
    """Roles that see masked identifiers see the birth year only (a full date narrows an ID number)."""
    if value is None:
        return None
    text = str(plain(value))
    return text if caller.sees_identifiers else text[:4]


def _linked(row: Row, caller: Caller) -> LinkedPerson:
    via = row["vias"]
    if row["how"] == "shared_phone":
        via = [shown_key("Phone", v, caller).split("~")[0] for v in via]
    elif row["how"] == "shared_id_number":
        via = [shown_key("IdNumber", v, caller).split("~")[0] for v in via]
    return LinkedPerson(pid=row["pid"], name=row["name"], how=row["how"], via=via, count=row["count"])


def person_timeline(*, graph: Graph, caller: Caller, pid: str, limit: int | None = None) -> Timeline | None:
    """A person's reports, notices, warnings and key-person listing, newest first; None when not visible."""
    config = get_config().timeline
    limit = min(limit or config.default_limit, config.max_limit)
    person = graph.read_one("get_person_profile", pid=pid, scope=caller.scope)
    if person is None:
        return None
    rows = graph.read("list_person_timeline", pid=pid, scope=caller.scope, limit=limit + 1)
    events = sorted((_event(r, caller) for r in rows), key=lambda e: e.at or _EARLIEST, reverse=True)
    subject = node_ref("Person", pid, person["person"].get("name"), caller)
    return Timeline(subject=subject, events=events[:limit], truncated=len(events) > limit)


def _event(row: Row, caller: Caller) -> TimelineEvent:
    if row["kind"] == "key_person":
        row = {**row, "key": shown_key("KeyPersonEntry", row["key"], caller)}
    row = scrub(row, caller)
    return TimelineEvent(at=as_datetime(row.pop("at")), roles=row.pop("roles") or [], **row)


def area_timeline(*, graph: Graph, caller: Caller, code: str, start: datetime | None = None,
                  end: datetime | None = None, limit: int | None = None) -> Timeline | None:
    """Disputes (with their reports) and warnings of an area inside the caller's jurisdiction, newest first."""
    config = get_config().timeline
    limit = min(limit or config.default_limit, config.max_limit)
    area = graph.read_one("get_area", code=code, scope=caller.scope)
    if area is None:
        return None
    window = {"code": code, "scope": caller.scope, "start": as_datetime(start) or _EARLIEST,
              "end": as_datetime(end) or datetime(9999, 1, 1, tzinfo=UTC), "limit": limit + 1}
    disputes = [_dispute_event(r, caller) for r in graph.read("list_area_timeline", **window)]
    warnings = [_warning_event(r["warning"], caller) for r in graph.read("list_area_warnings", **window)]
    events = sorted(disputes + warnings, key=lambda e: e.at or _EARLIEST, reverse=True)
    subject = NodeRef(id=f"Area:{code}", label="Area", key=code, caption=area["name"] or code)
    return Timeline(subject=subject, events=events[:limit], truncated=len(events) > limit)


def _dispute_event(row: Row, caller: Caller) -> TimelineEvent:
    row = scrub(row, caller)
    dispute = row["dispute"]
    return TimelineEvent(at=as_datetime(dispute["occurred_at"]), kind="dispute", key=dispute["id"],
                         title=dispute.get("title"), dispute_id=dispute["id"], area_code=dispute.get("area_code"),
                         detail={"category": dispute.get("category"), "status": dispute.get("status"),
                                 "case_code": dispute.get("case_code"),
                                 "reports": row["reports"]})


def _warning_event(warning: Row, caller: Caller) -> TimelineEvent:
    warning = scrub(warning, caller)
    return TimelineEvent(at=as_datetime(warning.get("created_at")), kind="warning", key=warning["id"],
                         title=warning.get("title"), area_code=warning.get("area_code"),
                         detail={k: warning.get(k) for k in ("kind", "colour", "level", "status", "target_label",
                                                             "target_key")})
