"""Dispute verbs: the dispute page (elements, flags with evidence, score breakdown, reports, parties)."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from app.caller import Caller
from app.db.graph import Graph
from app.db.values import native as _native
from app.disputes.models import DisputeDetail, DisputeReportView, FlagView, ScoreView
from app.privacy import confine, mask_id_number, mask_phone, mask_text


def get_dispute(*, graph: Graph, caller: Caller, dispute_id: str) -> DisputeDetail | None:
    """One dispute by id or case code inside the caller's jurisdiction; None when unknown or out of scope."""
    row = graph.read_one("get_dispute_detail", id=dispute_id, scope=caller.scope)
    if row is None:
        return None
    d = {key: _native(value) for key, value in row["dispute"].items()}
    masked = not caller.sees_identifiers
    detail = DisputeDetail(
        id=d["id"],
        case_code=d.get("case_code"),
        title=_text(d.get("title"), masked),
        text=_text(d.get("text"), masked),
        status=d.get("status"),
        category=d.get("category"),
        relation=d.get("relation"),
        keywords=d.get("keywords") or [],
        occurred_at=d.get("occurred_at"),
        last_reported_at=d.get("last_reported_at"),
        channels=d.get("channels") or [],
        report_count=d.get("report_count") or 0,
        people_count=d.get("people_count"),
        amounts=d.get("amounts") or [],
        area_code=d["area_code"],
        area=row["area"],
        place=row["place"],
        flags=_flags(d),
        keyword_hits=row["keyword_hits"],
        score=_score(d, masked),
        reports=[_report(r, masked) for r in row["reports"]],
        persons=[_person(p, masked) for p in row["persons"]],
        organizations=row["organizations"],
        warnings=[{k: _native(v) for k, v in w.items()} for w in row["warnings"]],
    )
    return DisputeDetail(**confine(graph=graph, caller=caller, payload=detail.model_dump(mode="json")))


def dispute_for_report(*, graph: Graph, caller: Caller, report_key: str) -> str | None:
    """The id of the dispute of a report (`channel|source id`); None for non-disputes and out of scope."""
    row = graph.read_one("find_dispute_by_report", key=report_key, scope=caller.scope)
    return row["id"] if row else None


def _flags(d: dict[str, Any]) -> list[FlagView]:
    evidence = json.loads(d.get("flag_evidence_json") or "{}")
    names = list(dict.fromkeys([*(d.get("flags") or []), *evidence]))
    return [FlagView(name=name, evidence=evidence.get(name, [])) for name in names]


def _score(d: dict[str, Any], masked: bool) -> ScoreView:
    if not d.get("risk_breakdown_json"):
        return ScoreView()
    breakdown = json.loads(d["risk_breakdown_json"])
    if masked:
        # A key-person entry's key is its ID number.
        breakdown["items"] = [
            {**item, "node_key": mask_text(item["node_key"]), "detail": mask_text(item["detail"])}
            for item in breakdown.get("items", [])
        ]
    return ScoreView(**breakdown)


def _report(row: dict[str, Any], masked: bool) -> DisputeReportView:
    data = {key: _native(value) for key, value in row.items() if key != "elements_json"}
    data["text"] = _text(data.get("text"), masked)
    data["title"] = _text(data.get("title"), masked)
    elements = json.loads(row["elements_json"]) if row.get("elements_json") else None
    return DisputeReportView(**data, elements=elements)


def _person(row: dict[str, Any], masked: bool) -> dict[str, Any]:
    if not masked:
        return row
    return {
        **row,
        "id_number": mask_id_number(row.get("id_number")),
        "phones": [mask_phone(p) for p in row.get("phones") or []],
    }


def _text(value: str | None, masked: bool) -> str | None:
    return mask_text(value) if masked else value


def stale_data_end(*, graph: Graph, scope: str, window_days: int, as_of: datetime | None = None) -> datetime | None:
    """The newest dispute's time when it lies before the window of `window_days` ending at `as_of` (default now).

    A past data set (the demo city, a year loaded for evaluation): a scheduled pass as of now would find nothing
    in its window and close every warning. None when the data is recent, or when there is none.
    """
    row = graph.read_one("get_latest_dispute", scope=scope) or {}
    latest = _native(row.get("latest"))
    end = as_of or datetime.now(UTC)
    if latest is None or latest >= end - timedelta(days=window_days):
        return None
    return latest
