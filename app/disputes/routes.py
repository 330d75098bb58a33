"""Dispute routes: the dispute page."""

from fastapi import APIRouter, HTTPException

from app.deps import CallerDep, GraphDep
from app.disputes import service
from app.disputes.models import DisputeDetail

router = APIRouter(tags=["disputes"])


@router.get("/disputes/{dispute_id}", response_model=DisputeDetail, summary="A dispute with its evidence")
def get_dispute(dispute_id: str, graph: GraphDep, caller: CallerDep) -> DisputeDetail:
    """Elements, flags with evidence, score breakdown, reports and parties (masked) of one dispute."""
    detail = service.get_dispute(graph=graph, caller=caller, dispute_id=dispute_id)
    if detail is None:
        raise HTTPException(404, f"no dispute {dispute_id}")
    return detail
