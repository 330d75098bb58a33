"""Detection routes: run the full detection pass now (admins and analysts)."""

from fastapi import APIRouter, HTTPException

from app.deps import CallerDep, GraphDep
from app.detection.models import DetectionSummary, DetectRequest, SimilarLink
from app.detection.service import detect_all, similar_links

router = APIRouter(tags=["detection"])
RUNNERS = frozenset({"admin", "analyst"})


@router.post("/detect", summary="Run repeat, respondent, prior-record and surge detection now")
def run_detection(caller: CallerDep, graph: GraphDep, body: DetectRequest | None = None) -> DetectionSummary:
    """Full pass over the caller's jurisdiction as of `as_of` (default now); admin or analyst only."""
    if caller.role not in RUNNERS:
        raise HTTPException(403, "只有管理员和研判人员可以运行研判")
    return detect_all(graph=graph, scope=caller.scope, as_of=body.as_of if body else None)


@router.get("/detect/similar/{dispute_id}", summary="The disputes linked as similar to one dispute")
def get_similar(dispute_id: str, caller: CallerDep, graph: GraphDep) -> list[SimilarLink]:
    """SIMILAR_TO links of a dispute inside the caller's jurisdiction, with score and reason."""
    return similar_links(graph=graph, scope=caller.scope, dispute_ids=[dispute_id])
