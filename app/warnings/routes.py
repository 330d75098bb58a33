"""Warning routes: the board, one warning with its evidence, acknowledgement."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Query

from app.deps import CallerDep, GraphDep
from app.warnings import service
from app.warnings.models import Colour, WarningDetail, WarningPage, WarningStatus

router = APIRouter(tags=["warnings"])


@router.get("/warnings", response_model=WarningPage, summary="The warning board")
def list_warnings(
    graph: GraphDep,
    caller: CallerDep,
    colour: Colour | None = None,
    kind: str | None = None,
    area: Annotated[str | None, Query(description="area-code prefix within the caller's scope")] = None,
    status: WarningStatus | None = None,
    date_from: Annotated[date | None, Query(description="created on or after this day")] = None,
    date_to: Annotated[date | None, Query(description="created on or before this day")] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=200)] = 20,
) -> WarningPage:
    """Warnings the caller may see, most severe first, filtered and paged."""
    return service.list_warnings(graph=graph, caller=caller, colour=colour, kind=kind, area=area,
                                 status=status, date_from=date_from, date_to=date_to, page=page, size=size)


@router.get("/warnings/{warning_id}", response_model=WarningDetail, summary="A warning with its evidence")
def get_warning(warning_id: str, graph: GraphDep, caller: CallerDep) -> WarningDetail:
    """One warning: target, evidence nodes with points, history and figures."""
    detail = service.get_warning(graph=graph, caller=caller, warning_id=warning_id)
    if detail is None:
        raise HTTPException(404, f"no warning {warning_id}")
    return detail


@router.post("/warnings/{warning_id}/acknowledge", response_model=WarningDetail,
             summary="Acknowledge a warning")
def acknowledge_warning(
    warning_id: str,
    graph: GraphDep,
    caller: CallerDep,
    note: Annotated[str | None, Body(embed=True, description="a remark for the history")] = None,
) -> WarningDetail:
    """Mark the warning as received (签收) by the caller; recorded in its history."""
    try:
        detail = service.acknowledge_warning(graph=graph, caller=caller, warning_id=warning_id, note=note)
    except service.WarningStateError as error:
        raise HTTPException(409, str(error)) from error
    if detail is None:
        raise HTTPException(404, f"no warning {warning_id}")
    return detail
