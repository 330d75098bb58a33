"""Scoring routes: the rules in force, so staff can see why a score is what it is."""

from typing import Any

from fastapi import APIRouter

from app.deps import CallerDep
from app.scoring.rules import load_rules

router = APIRouter(tags=["scoring"])


@router.get("/scoring/rules", summary="The scoring rules in force")
def get_rules(caller: CallerDep) -> dict[str, Any]:
    """Factors, points, windows, thresholds and levels of config/scoring.yaml (any logged-in caller)."""
    return load_rules().model_dump()
