"""Audit route: who looked up whom, for administrators."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from app.audit import service
from app.audit.models import AuditPage
from app.deps import CallerDep, GraphDep

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=AuditPage, summary="Lookups of personal data (admin only)")
def audit(
    graph: GraphDep,
    caller: CallerDep,
    user: Annotated[str | None, Query(description="only this user's lookups")] = None,
    start: Annotated[datetime | None, Query(alias="from", description="from (default: 30 days ago)")] = None,
    end: Annotated[datetime | None, Query(alias="to", description="until (default: now)")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> AuditPage:
    """Audit entries newest first, filtered by user and time window."""
    try:
        entries = service.list_entries(graph=graph, caller=caller, username=user, start=start, end=end,
                                       limit=limit)
    except service.NotAllowed as error:
        raise HTTPException(403, str(error)) from error
    return AuditPage(entries=entries, count=len(entries))
