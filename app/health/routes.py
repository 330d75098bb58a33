"""Health route: the one endpoint that needs no login."""

from fastapi import APIRouter

from app.deps import GraphDep
from app.health import service
from app.health.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Service and Neo4j status")
def health(graph: GraphDep) -> Health:
    """Status, the Neo4j version and node counts."""
    return service.get_health(graph=graph)
