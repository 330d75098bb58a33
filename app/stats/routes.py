"""Statistics routes: counts, heat map (GeoJSON), monthly situation."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from app.deps import CallerDep, GraphDep
from app.stats import service
from app.stats.models import AreaLevel, CountBy, Counts, HeatLevel, Situation

router = APIRouter(prefix="/stats", tags=["stats"])
FromQuery = Annotated[datetime | None, Query(alias="from", description="from this instant (local time if no zone)")]
ToQuery = Annotated[datetime | None, Query(alias="to", description="until this instant, exclusive")]


@router.get("/counts", response_model=Counts, summary="Dispute counts by area, category, channel or month")
def counts(graph: GraphDep, caller: CallerDep, by: CountBy = "category", start: FromQuery = None,
           end: ToQuery = None, level: AreaLevel = "district") -> Counts:
    """Counts inside the caller's jurisdiction; `level` chooses the area level for by=area."""
    return service.counts(graph=graph, caller=caller, by=by, level=level, start=start, end=end)


@router.get("/heatmap", summary="Dispute counts per grid or community as GeoJSON")
def heatmap(graph: GraphDep, caller: CallerDep, level: HeatLevel = "community", start: FromQuery = None,
            end: ToQuery = None) -> dict[str, Any]:
    """A FeatureCollection of the areas in the caller's jurisdiction, each with `properties.count`."""
    return service.heatmap(graph=graph, caller=caller, level=level, start=start, end=end)


@router.get("/situation", response_model=Situation, summary="The month's top categories and growing areas")
def situation(graph: GraphDep, caller: CallerDep,
              month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")] = None
              ) -> Situation:
    """Top categories and the communities growing fastest against the previous month."""
    try:
        return service.situation(graph=graph, caller=caller, month=month)
    except ValueError as error:
        raise HTTPException(422, f"month must be a real month as YYYY-MM, not {month!r}") from error
