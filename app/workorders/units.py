"""Handling units as reference data: derived from the area hierarchy and config/units.yaml."""

from datetime import UTC, datetime
from typing import Any

from app.caller import Caller
from app.db.graph import Graph
from app.workorders.config import UnitsConfig, load_units_config, unit_code
from app.workorders.models import UnitView

Area = dict[str, Any]


def load_units(*, graph: Graph, areas: list[Area], config: UnitsConfig | None = None) -> int:
    """MERGE the units of `areas` (code, name, level, parent) and their COVERS links; returns how many."""
    config = config or load_units_config()
    rows = unit_rows(areas, config)
    graph.write_batches("merge_units", rows, batch_size=1000)
    return len(rows)


def ensure_units(*, graph: Graph, config: UnitsConfig | None = None, force: bool = False) -> int:
    """Derive the units again when the units config or the reference data changed since the last load."""
    config = config or load_units_config()
    row = graph.read_one("get_units_version") or {}
    wanted = f"{config.version}|{row.get('reference') or ''}"
    if row.get("units") == wanted and not force:
        return 0
    written = load_units(graph=graph, areas=graph.read("list_unit_areas"), config=config)
    graph.write("stamp_units_version", version=wanted, at=datetime.now(UTC))
    return written


def list_units(*, graph: Graph, caller: Caller, kind: str | None = None) -> list[UnitView]:
    """Units inside the caller's jurisdiction and above it."""
    ensure_units(graph=graph)
    return [UnitView(**row) for row in graph.read("list_units", scope=caller.scope, kind=kind)]


def unit_rows(areas: list[Area], config: UnitsConfig) -> list[dict[str, Any]]:
    """The rows of `merge_units` for an area hierarchy: per-area units, departments, extra units."""
    rows: dict[str, dict[str, Any]] = {}
    known = {area["code"] for area in areas}
    for area in areas:
        for unit in config.per_area.get(area["level"], []):
            _add(rows, unit_code(area["code"], unit.suffix), f"{area['name']}{unit.name}", unit.kind,
                 area["level"], area["code"], [area["code"]])
        if area["level"] == "district":
            for sector, dept in config.departments.items():
                row = _add(rows, unit_code(area["code"], dept.suffix), f"{area['name']}{dept.name}", "department",
                           "district", area["code"], [area["code"]])
                row["props"]["sectors"].append(sector)
    for extra in config.extra:
        covers = [code for code in extra.covers if code in known]
        if covers:
            _add(rows, extra.code, extra.name, extra.kind, _level(extra.area), extra.area, covers)
    return list(rows.values())


def _add(rows: dict[str, dict[str, Any]], code: str, name: str, kind: str, level: str, area_code: str,
         covers: list[str]) -> dict[str, Any]:
    return rows.setdefault(code, {
        "code": code, "covers": covers,
        "props": {"name": name, "kind": kind, "level": level, "area_code": area_code, "sectors": [],
                  "cover_codes": covers, "source": "config/units.yaml"},
    })


def _level(area_code: str) -> str:
    return {6: "district", 9: "street", 12: "community", 15: "grid"}.get(len(area_code), "city")
