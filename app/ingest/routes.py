"""Ingest routes: channel intake and report lookup."""

import json

from fastapi import APIRouter, HTTPException, Request

from app.deps import CallerDep, GraphDep, SettingsDep
from app.ingest import service
from app.ingest.models import IntakeResult, RecordOutcome, ReportView
from app.investigate.nodes import plain
from app.privacy import mask_record
from loaders.model import CHANNELS

router = APIRouter(tags=["ingest"])


@router.post("/intake/{channel}", response_model=IntakeResult, summary="Post records in a channel's own format")
async def intake(
    channel: str, request: Request, graph: GraphDep, settings: SettingsDep, caller: CallerDep
) -> IntakeResult:
    """Take a CSV, JSON Lines or JSON array body of one channel and answer per record."""
    if channel not in CHANNELS:
        raise HTTPException(404, f"unknown channel {channel!r}; channels: {', '.join(CHANNELS)}")
    body = await request.body()
    summary = service.intake(
        graph=graph,
        settings=settings,
        caller=caller,
        channel=channel,
        body=body,
        content_type=request.headers.get("content-type"),
    )
    counts = summary.channels.get(channel)
    return IntakeResult(
        channel=channel,
        counts=summary.totals(),
        unexpected_fields=dict(counts.unexpected_fields) if counts else {},
        records=[RecordOutcome(**{k: v for k, v in o.items() if k != "source"}) for o in summary.outcomes],
        dispute_ids=summary.dispute_ids,
    )


@router.get("/reports/{channel}/{source_id}", response_model=ReportView, summary="A report and its dispute")
def get_report(channel: str, source_id: str, graph: GraphDep, caller: CallerDep) -> ReportView:
    """The report by its channel and source id (department: `部门|排查编号`)."""
    row = service.get_report(graph=graph, caller=caller, channel=channel, source_id=source_id)
    if row is None:
        raise HTTPException(404, f"no report {channel}/{source_id}")
    row = plain(row)
    elements = json.loads(row["elements_json"]) if row["elements_json"] else None
    return ReportView(
        report=mask_record(row["report"], caller),
        elements=elements,
        parties=[mask_record(p, caller) for p in row["parties"]],
        versions=row["versions"],
        dispute=row["dispute"],
        merge_reason=row["merge_reason"],
        area=row["area"],
    )
