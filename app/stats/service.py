"""Counts, heat map and monthly situation, inside the caller's jurisdiction."""

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from app.caller import Caller
from app.db.graph import Graph
from app.stats.models import Bucket, Counts, FeatureCollection, Situation, Trend
from loaders.model import CHANNEL_NAMES_ZH

# China Standard Time has no daylight saving; a fixed offset, since the Neo4j driver crashes on ZoneInfo.
LOCAL_TZ = timezone(timedelta(hours=8), "CST")
_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
TOP = 10


def window(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime]:
    """A time window; a time without zone is local (China Standard Time), open ends are unbounded."""
    return _aware(start) or _EARLIEST, _aware(end) or datetime.now(UTC) + timedelta(days=1)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=LOCAL_TZ)


def counts(*, graph: Graph, caller: Caller, by: str, level: str = "district", start: datetime | None = None,
           end: datetime | None = None) -> Counts:
    """Disputes by area (of a level), category or month, or reports by channel."""
    start, end = window(start, end)
    params = {"scope": caller.scope, "start": start, "end": end}
    if by == "area":
        buckets = [Bucket(key=r["code"], name=r["name"], count=r["count"])
                   for r in graph.read("count_disputes_by_area", **params, level=level)]
    elif by == "category":
        buckets = [Bucket(key=r["category"], name=r["category"], count=r["count"])
                   for r in graph.read("count_disputes_by_category", **params)]
    elif by == "channel":
        buckets = [Bucket(key=r["channel"], name=CHANNEL_NAMES_ZH.get(r["channel"], r["channel"]), count=r["count"],
                          disputes=r["disputes"])
                   for r in graph.read("count_reports_by_channel", **params)]
    else:
        buckets = [Bucket(key=r["month"], name=r["month"], count=r["count"])
                   for r in graph.read("count_disputes_by_month", **params)]
    return Counts(by=by, level=level if by == "area" else None, start=start, end=end,  # type: ignore[arg-type]
                  total=sum(b.count for b in buckets), buckets=buckets)


def heatmap(*, graph: Graph, caller: Caller, level: str, start: datetime | None = None,
            end: datetime | None = None) -> FeatureCollection:
    """A GeoJSON FeatureCollection of the grids or communities in the jurisdiction with their dispute counts."""
    start, end = window(start, end)
    per_area = {r["code"]: r["count"] for r in graph.read("count_disputes_by_area", scope=caller.scope, level=level,
                                                          start=start, end=end)}
    features = [_feature(area, level, per_area.get(area["code"], 0))
                for area in graph.read("list_area_shapes", level=level, scope=caller.scope)]
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {"level": level, "from": start.isoformat(), "to": end.isoformat(),
                       "max": max((f["properties"]["count"] for f in features), default=0)},
    }


def _feature(area: dict[str, Any], level: str, count: int) -> dict[str, Any]:
    geometry = json.loads(area["geometry"]) if area["geometry"] else None
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    return {"type": "Feature", "id": area["code"], "geometry": geometry,
            "properties": {"code": area["code"], "name": area["name"], "level": level, "count": count}}


def month_bounds(month: str | None) -> tuple[str, datetime, datetime, str, datetime]:
    """`YYYY-MM` (default: this month, local time) with its start, end, and the previous month and its start."""
    if month is None:
        month = datetime.now(LOCAL_TZ).strftime("%Y-%m")
    start = datetime.strptime(month, "%Y-%m").replace(tzinfo=LOCAL_TZ)
    end = (start + timedelta(days=32)).replace(day=1)
    previous = (start - timedelta(days=1)).replace(day=1)
    return month, start, end, previous.strftime("%Y-%m"), previous


def situation(*, graph: Graph, caller: Caller, month: str | None = None) -> Situation:
    """Top categories of a month and the communities growing fastest against the month before."""
    month, start, end, previous_month, previous = month_bounds(month)
    now = {"scope": caller.scope, "start": start, "end": end}
    before = {"scope": caller.scope, "start": previous, "end": start}
    categories = _trends(graph.read("count_disputes_by_category", **now),
                         graph.read("count_disputes_by_category", **before), "category", "category")
    areas = _trends(graph.read("count_disputes_by_area", **now, level="community"),
                    graph.read("count_disputes_by_area", **before, level="community"), "code", "name")
    growing = sorted((t for t in areas if t.change > 0), key=lambda t: (-t.change, -t.count))
    return Situation(
        month=month,
        previous_month=previous_month,
        total=sum(t.count for t in categories),
        previous_total=sum(t.previous for t in categories),
        top_categories=sorted(categories, key=lambda t: (-t.count, -t.change))[:TOP],
        growing_areas=growing[:TOP],
    )


def _trends(current: list[dict], earlier: list[dict], key: str, name: str) -> list[Trend]:
    before = {r[key]: r["count"] for r in earlier}
    names = {r[key]: r.get(name) for r in [*earlier, *current]}
    trends = []
    for k in dict.fromkeys([*(r[key] for r in current), *before]):
        count = next((r["count"] for r in current if r[key] == k), 0)
        previous = before.get(k, 0)
        trends.append(Trend(key=k, name=names.get(k), count=count, previous=previous, change=count - previous,
                            growth=round(count / previous - 1, 3) if previous else None))
    return trends
