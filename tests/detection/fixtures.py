"""Synthetic disputes for detection tests and the benchmark, written straight into the graph."""

from datetime import datetime, timedelta, timezone
from typing import Any

from app.db.graph import Graph

BEIJING = timezone(timedelta(hours=8))
DISTRICT, STREET = "410603", "410603002"
COMMUNITIES = ("410603002003", "410603002004", "410603002005", "410603002006")


def area_rows(communities: tuple[str, ...] = COMMUNITIES, grids_per_community: int = 2) -> list[dict[str, Any]]:
    """A district, one street, its communities and their grids."""
    rows = [_area("410600", "鹤壁市", "city", None), _area(DISTRICT, "山城区", "district", "410600"),
            _area(STREET, "红旗街道", "street", DISTRICT)]
    for n, code in enumerate(communities, start=1):
        rows.append(_area(code, f"测试{n}社区", "community", STREET))
        rows += [_area(f"{code}{g:03d}", f"测试{n}社区第{g}网格", "grid", code)
                 for g in range(1, grids_per_community + 1)]
    return rows


def load_areas(graph: Graph, rows: list[dict[str, Any]] | None = None) -> None:
    """Write the synthetic area hierarchy with the reference queries."""
    rows = rows or area_rows()
    graph.write("merge_areas", rows=rows)
    graph.write("link_area_parents", rows=[{"code": r["code"], "parent": r["parent"]} for r in rows if r["parent"]])


def dispute_row(dispute_id: str, *, area_code: str, category: str, keywords: list[str], occurred_at: datetime,
                place_key: str | None = None, persons: list[dict] | None = None,
                organizations: list[dict] | None = None, channels: list[str] | None = None) -> dict[str, Any]:
    """One fixture dispute with the properties ingest writes (see loaders/pipeline.py `_dispute_row`)."""
    props = {
        "id": dispute_id, "case_code": f"AJ{area_code[:6]}-{occurred_at:%Y%m%d}-{dispute_id[-6:].upper()}",
        "occurred_at": occurred_at, "last_reported_at": occurred_at, "category": category,
        "keywords": keywords, "place_key": place_key, "channels": channels or ["grid"],
        "report_count": len(channels or ["grid"]), "status": "open", "title": f"测试纠纷{dispute_id}",
        "area_code": area_code, "district_code": area_code[:6], "street_code": area_code[:9] if len(area_code) >= 9
        else None, "community_code": area_code[:12] if len(area_code) >= 12 else None,
        "grid_code": area_code if len(area_code) == 15 else None,
    }
    return {"id": dispute_id, "props": props, "area_code": area_code, "persons": persons or [],
            "organizations": organizations or []}


def create_disputes(graph: Graph, rows: list[dict[str, Any]], batch_size: int = 2000) -> None:
    """Write fixture disputes in batches."""
    graph.write_batches("create_fixture_disputes", rows, batch_size=batch_size)


def at(day: int, hour: int = 10) -> datetime:
    """A Beijing instant `day` days after 2025-01-01."""
    return datetime(2025, 1, 1, hour, tzinfo=BEIJING) + timedelta(days=day)


def _area(code: str, name: str, level: str, parent: str | None) -> dict[str, Any]:
    return {"code": code, "name": name, "level": level, "label": level.capitalize(), "parent": parent,
            "geometry": None, "lng": None, "lat": None}
