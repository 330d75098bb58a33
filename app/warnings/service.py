"""Warnings: upsert (one open warning per kind and target), close, acknowledge, list and read.

Shared by risk scoring (kind `risk`) and pattern detection (repeat, respondent, prior_record, surge):
both hand over `WarningDraft`s; this module decides create, update or leave alone, keeps the history,
and links every warning to its target and its evidence nodes.
"""

import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from app.caller import Caller
from app.db.graph import Graph
from app.db.values import native as _native
from app.privacy import confine, mask_text
from app.scoring.rules import ScoringRules, load_rules
from app.warnings.models import (
    WarningDetail,
    WarningDraft,
    WarningEvidenceView,
    WarningPage,
    WarningStatus,
    WarningSummary,
)

BEIJING = timezone(timedelta(hours=8))
# The properties whose change makes an update (and a history entry); as_of and timestamps do not.
FINGERPRINT = (
    "colour",
    "level",
    "score",
    "title",
    "reasons",
    "rule_version",
    "leader",
    "figures_json",
    "evidence_json",
    "area_code",
)


class WarningStateError(ValueError):
    """A status change that the warning's current status does not allow."""


def upsert_warnings(
    *, graph: Graph, scope: str, drafts: list[WarningDraft], by: str = "system", rules: ScoringRules | None = None
) -> list[str]:
    """Create or update the warnings of `drafts` inside `scope`; returns their ids (changed or not).

    A warning is written only when something a person would notice changed (colour, score, reasons,
    evidence …), so re-running a scorer or detector on unchanged data changes nothing.
    """
    wanted = {d.id: d for d in drafts if d.area_code.startswith(scope)}
    if not wanted:
        return []
    rules = rules or load_rules()

    def work(tx: Any) -> None:
        # Read and write in one transaction, so two runs at once cannot both append the same change.
        now = datetime.now(UTC)
        existing = {row["id"]: row for row in graph.run_in(tx, "get_warnings_by_ids", ids=sorted(wanted))}
        rows = [row for d in wanted.values() if (row := _planned_row(d, existing.get(d.id), now, by, rules))]
        if rows:
            _write(graph, tx, scope, rows)

    graph.execute_write(work)
    return sorted(wanted)


def close_warnings(
    *, graph: Graph, scope: str, warning_ids: list[str], by: str = "system", note: str = "目标不再达到预警条件"
) -> list[str]:
    """Close the warnings among `warning_ids` that are not closed yet (kept, never deleted); returns them."""
    if not warning_ids:
        return []

    def work(tx: Any) -> list[str]:
        now = datetime.now(UTC)
        rows = [
            {"id": row["id"], "props": _status_props(row, "closed", now, by, note)}
            for row in graph.run_in(tx, "get_warnings_by_ids", ids=sorted(set(warning_ids)))
            if row["status"] != "closed" and (row["area_code"] or "").startswith(scope)
        ]
        if rows:
            graph.run_in(tx, "update_warning_status", rows=rows, scope=scope)
        return [row["id"] for row in rows]

    return graph.execute_write(work)


def close_stale_warnings(
    *, graph: Graph, scope: str, kind: str, keep: set[str], target_label: str | None = None, by: str = "system"
) -> list[str]:
    """Close the warnings of `kind` in scope not closed yet whose id is not in `keep` (no longer scoring)."""
    rows = graph.read("list_open_warning_ids", kind=kind, target_label=target_label, scope=scope)
    stale = [row["id"] for row in rows if row["id"] not in keep]
    return close_warnings(graph=graph, scope=scope, warning_ids=stale, by=by)


def acknowledge_warning(
    *, graph: Graph, caller: Caller, warning_id: str, note: str | None = None
) -> WarningDetail | None:
    """Mark a warning as seen and taken on by the caller (签收); None when unknown or out of scope."""
    return set_warning_status(
        graph=graph, caller=caller, warning_id=warning_id, status="acknowledged", note=note or "已签收"
    )


def set_warning_status(
    *, graph: Graph, caller: Caller, warning_id: str, status: WarningStatus, note: str | None = None
) -> WarningDetail | None:
    """Move a warning to `status` (acknowledged, downgraded, closed, open) with a history entry."""

    def work(tx: Any) -> bool:
        rows = graph.run_in(tx, "get_warning", id=warning_id, scope=caller.scope)
        if not rows:
            return False
        current = rows[0]["warning"]
        if current["status"] == "closed" and status == "acknowledged":
            raise WarningStateError(f"warning {warning_id} is closed and cannot be acknowledged")
        if current["status"] != status:
            props = _status_props(current, status, datetime.now(UTC), caller.username, note)
            if status == "acknowledged":
                props.update(acknowledged_by=caller.username, acknowledged_at=props["updated_at"])
            graph.run_in(tx, "update_warning_status", rows=[{"id": warning_id, "props": props}], scope=caller.scope)
        return True

    if not graph.execute_write(work):
        return None
    return get_warning(graph=graph, caller=caller, warning_id=warning_id)


def list_warnings(
    *,
    graph: Graph,
    caller: Caller,
    colour: str | None = None,
    kind: str | None = None,
    area: str | None = None,
    status: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
    size: int = 20,
) -> WarningPage:
    """One page of the warnings the caller may see, most severe first; dates are Beijing days, inclusive."""
    page, size = max(page, 1), min(max(size, 1), 200)
    filters = {
        "scope": caller.scope,
        "colour": colour,
        "kind": kind,
        "area": area or None,
        "status": status,
        "date_from": _day_start(date_from),
        "date_to": _day_start(date_to + timedelta(days=1)) if date_to else None,
    }
    total = graph.read_one("count_warnings", **filters)["total"]
    rows = graph.read("list_warnings", **filters, skip=(page - 1) * size, limit=size)
    items = [WarningSummary(**_masked_row(row["warning"], caller)) for row in rows]
    page_view = WarningPage(total=total, page=page, size=size, items=items)
    return WarningPage(**confine(graph=graph, caller=caller, payload=page_view.model_dump(mode="json")))


def get_warning(*, graph: Graph, caller: Caller, warning_id: str) -> WarningDetail | None:
    """One warning with its evidence, history and figures; None when unknown or out of scope."""
    row = graph.read_one("get_warning", id=warning_id, scope=caller.scope)
    if row is None:
        return None
    warning = row["warning"]
    evidence = [_evidence_view(item, caller) for item in row["evidence"]]
    detail = WarningDetail(
        **_masked_row(warning, caller),
        history=json.loads(warning.get("history_json") or "[]"),
        figures=json.loads(warning.get("figures_json") or "{}"),
        target=_masked_row(row["target"] or {}, caller) | {"labels": row["target_labels"] or []},
        evidence=evidence,
    )
    return WarningDetail(**confine(graph=graph, caller=caller, payload=detail.model_dump(mode="json")))


def _planned_row(draft: WarningDraft, old: dict | None, now: datetime, by: str, rules: ScoringRules) -> dict | None:
    """The row to write for a draft, or None when the stored warning already says the same."""
    props = _draft_props(draft, rules)
    if old is None:
        status, event = "open", "created"
        history: list[dict] = []
        props["created_at"] = now
    else:
        _keep_visit_downgrade(old, props)
        unchanged = all(_same(old.get(key), props[key]) for key in FINGERPRINT)
        if unchanged and old["status"] != "closed":
            return None
        status, event = _status_after_update(old, props)
        history = json.loads(old.get("history_json") or "[]")
    history.append(
        {
            "at": now.isoformat(),
            "event": event,
            "colour": props["colour"],
            "score": props["score"],
            "status": status,
            "by": by,
        }
    )
    props.update(status=status, updated_at=now, as_of=draft.as_of, history_json=_dumps(history))
    evidence = [
        {
            "warning_id": draft.id,
            "label": e.node_label,
            "key": e.node_key,
            "factor": e.factor,
            "points": e.points,
            "detail": e.detail,
        }
        for e in draft.evidence
    ]
    return {
        "id": draft.id,
        "props": props,
        "target_label": draft.target_label,
        "target_key": draft.target_key,
        "evidence": evidence,
    }


def _draft_props(draft: WarningDraft, rules: ScoringRules) -> dict[str, Any]:
    level = rules.levels[draft.colour]
    return {
        "kind": draft.kind,
        "colour": draft.colour,
        "level": draft.level,
        "level_name": level.name,
        "score": round(float(draft.score), 1),
        "title": draft.title,
        "reasons": list(draft.reasons),
        "rule_version": draft.rule_version,
        "area_code": draft.area_code,
        "leader": draft.leader or level.leader,
        "figures_json": _dumps(draft.figures),
        "evidence_json": _dumps([e.model_dump() for e in draft.evidence]),
        "target_label": draft.target_label,
        "target_key": draft.target_key,
        "target_key_property": draft.target_key_property,
    }


def _keep_visit_downgrade(old: dict, props: dict) -> None:
    """A warning a satisfied return visit lowered keeps its lowered colour until the scored risk grows beyond
    what was scored before the visit; then it is re-opened in the new colour (see _status_after_update)."""
    if old["status"] != "downgraded":
        return
    if props["level"] < _scored_level(old):
        props["scored_level"] = None
        return
    props.update(colour=old["colour"], level=old["level"], level_name=old.get("level_name") or props["level_name"],
                 leader=old["leader"])


def _scored_level(old: dict) -> int:
    return old.get("scored_level") or old.get("level") or 9


def _status_after_update(old: dict, props: dict) -> tuple[str, str]:
    """A closed warning reopens; an acknowledged one reopens when it got worse, a downgraded one when it got worse
    than it was scored before the visit lowered it."""
    if old["status"] == "closed":
        return "open", "reopened"
    before = _scored_level(old) if old["status"] == "downgraded" else (old.get("level") or 9)
    if old["status"] in ("acknowledged", "downgraded") and before > props["level"]:
        return "open", "escalated"
    return old["status"] or "open", "updated"


def _status_props(row: dict, status: str, now: datetime, by: str, note: str | None) -> dict[str, Any]:
    history = json.loads(row.get("history_json") or "[]")
    history.append(
        {
            "at": now.isoformat(),
            "event": status,
            "colour": row.get("colour"),
            "score": row.get("score"),
            "status": status,
            "by": by,
            "note": note,
        }
    )
    return {"status": status, "updated_at": now, "history_json": _dumps(history)}


def _write(graph: Graph, tx: Any, scope: str, rows: list[dict]) -> None:
    warnings = [{k: row[k] for k in ("id", "props", "target_label", "target_key")} for row in rows]
    evidence = [link for row in rows for link in row["evidence"]]
    graph.run_in(tx, "write_warnings", rows=warnings, scope=scope)
    graph.run_in(tx, "delete_warning_evidence", ids=[row["id"] for row in rows], scope=scope)
    graph.run_in(tx, "link_warning_evidence", rows=evidence, scope=scope)


def _same(stored: Any, wanted: Any) -> bool:
    if isinstance(wanted, float) and isinstance(stored, int | float):
        return abs(stored - wanted) < 1e-6
    if isinstance(wanted, list) and stored is not None:
        return list(stored) == wanted
    return stored == wanted


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _day_start(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, BEIJING) if day else None


def _masked_row(row: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """Neo4j values made native; ID numbers and phones inside keys and sentences masked for the role."""
    native = {key: _native(value) for key, value in row.items()}
    if caller.sees_identifiers:
        return native
    return {key: _mask_value(value) for key, value in native.items()}


def _mask_value(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, list):
        return [_mask_value(v) for v in value]
    return value


def _evidence_view(item: dict[str, Any], caller: Caller) -> WarningEvidenceView:
    node = _masked_row(item["node"] or {}, caller)
    key = next((node[p] for p in ("id", "pid", "code", "key", "name") if node.get(p)), None)
    if node.get("area_code") and not str(node["area_code"]).startswith(caller.scope):
        # A node of another jurisdiction (an earlier dispute elsewhere) is named, not shown.
        node = {"case_code": node.get("case_code"), "area_code": node["area_code"]}
    label = next((lbl for lbl in item["labels"] if lbl not in ("KeyPerson", "KeyPlace")), item["labels"][0])
    return WarningEvidenceView(
        factor=item["factor"],
        points=item["points"] or 0,
        detail=_mask_value(item["detail"]),
        node_label=label,
        node_labels=item["labels"],
        node_key=str(key) if key is not None else "",
        node=node,
    )
