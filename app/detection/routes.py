"""Detection routes: run the full detection pass now (admins and analysts)."""

from fastapi import APIRouter, HTTPException

from app.auth.models import ROLE_NAMES_ZH
from app.deps import CallerDep, GraphDep
from app.detection.models import DetectionSummary, DetectRequest, SimilarLink
from app.detection.service import detect_all, similar_links

router = APIRouter(tags=["detection"])
RUNNERS = ("admin", "analyst")
# The refusal names the roles that may run it, in the workbench's words (系统管理员、分析人员).
REFUSAL = "只有" + "和".join(ROLE_NAMES_ZH[role] for role in RUNNERS) + "可以运行研判"


@router.post("/detect", summary="Run repeat, respondent, prior-record and surge detection now")
def run_detection(caller: CallerDep, graph: GraphDep, body: DetectRequest | None = None) -> DetectionSummary:
    """Full pass over the caller's jurisdiction as of `as_of` (default now); admin or analyst only."""
    if caller.role not in RUNNERS:
        raise HTTPException(403, REFUSAL)
    return detect_all(graph=graph, scope=caller.scope, as_of=body.as_of if body else None)


@router.get("/detect/similar/{dispute_id}", summary="The disputes linked as similar to one dispute")
def get_similar(dispute_id: str, caller: CallerDep, graph: GraphDep) -> list[SimilarLink]:
    """SIMILAR_TO links of a dispute inside the caller's jurisdiction, with score and reason."""
    return similar_links(graph=graph, scope=caller.scope, dispute_ids=[dispute_id])
