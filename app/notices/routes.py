"""Notice routes: issue a notice, read one."""

from fastapi import APIRouter, HTTPException

from app.deps import CallerDep, GraphDep
from app.notices import service
from app.notices.models import NoticeRequest, NoticeView
from app.workorders.models import WorkflowError

router = APIRouter(tags=["notices"])


@router.post("/notices", response_model=NoticeView, status_code=201, summary="Issue a notice (提示函/警示函)")
def issue_notice(body: NoticeRequest, graph: GraphDep, caller: CallerDep) -> NoticeView:
    """Issue a work notice or risk warning letter about a person and/or a case to a unit."""
    try:
        notice = service.issue_notice(graph=graph, caller=caller, kind=body.kind, unit=body.unit_code,
                                      reason=body.reason, person_pid=body.person_pid, dispute_id=body.dispute_id,
                                      at=body.at)
    except WorkflowError as error:
        raise HTTPException(error.status, str(error)) from error
    if notice is None:
        raise HTTPException(404, "no such person or dispute")
    return notice


@router.get("/notices/{code}", response_model=NoticeView, summary="One notice")
def get_notice(code: str, graph: GraphDep, caller: CallerDep) -> NoticeView:
    """A notice inside the caller's jurisdiction."""
    notice = service.get_notice(graph=graph, caller=caller, code=code)
    if notice is None:
        raise HTTPException(404, f"no notice {code}")
    return notice
