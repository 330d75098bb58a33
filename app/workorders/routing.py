"""Dispatch proposals (分流交办): three colours, four levels, and the responsibility list."""

from datetime import date, datetime
from typing import Any

from app.caller import Caller
from app.db.graph import Graph
from app.warnings.models import COLOUR_LEVEL, COLOUR_NAMES_ZH
from app.workorders.config import Workflow, instant, load_workflow
from app.workorders.models import RoutingProposal, UnitView
from app.workorders.units import ensure_units

Row = dict[str, Any]
LEVELS_ZH = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def routing_facts(*, graph: Graph, caller: Caller, dispute_id: str) -> Row | None:
    """The dispute (by id or case code), its open risk warning and the units covering it; None out of scope."""
    ensure_units(graph=graph)
    return graph.read_one("get_routing_facts", id=dispute_id, scope=caller.scope)


def propose_routing(*, graph: Graph, caller: Caller, dispute_id: str, at: date | datetime | None = None,
                    workflow: Workflow | None = None) -> RoutingProposal | None:
    """Lead unit, co-units, deadlines and closing standard for a dispute; None when unknown or out of scope."""
    workflow = workflow or load_workflow()
    facts = routing_facts(graph=graph, caller=caller, dispute_id=dispute_id)
    if facts is None:
        return None
    return proposal_from_facts(facts, workflow, instant(at))


def proposal_from_facts(facts: Row, workflow: Workflow, at: datetime) -> RoutingProposal:
    """The proposal for the rows of `get_routing_facts`."""
    d, warning = facts["dispute"], facts["warning"]
    colour = warning["colour"] if warning else None
    tier_colour = colour or "blue"
    rule = workflow.routing[tier_colour]
    duty = workflow.responsibility(d.get("category"))
    chosen = _units_by_tier(facts["units"], rule.tiers, duty.sector)
    routed = [_view(u) for u in facts["routed_units"] if u["code"] not in {c.code for c in chosen}]
    routed = _units_by_tier([u.model_dump() for u in routed], rule.tiers, duty.sector)
    units = chosen + routed
    reasons = [_colour_reason(colour), rule.reason]
    if duty.sector:
        reasons.append(f"{d.get('category') or '其他纠纷'}属{duty.sector}领域，办结标准：{duty.closing_standard}")
    if d.get("routed_to"):
        reasons.append(f"研判分流至{d['routed_to']}：{d.get('routed_reason') or ''}".rstrip("："))
    if not units:
        reasons.append("未找到负责该区域的处置单位，请先加载单位参考数据（caselink units load）")
    return RoutingProposal(
        dispute_id=d["id"], case_code=d.get("case_code"), title=d.get("title"), category=d.get("category"),
        area_code=d["area_code"], colour=colour, tier_colour=tier_colour, supervision=rule.supervision,
        lead=units[0] if units else None, co_units=units[1:], sector=duty.sector,
        closing_standard=duty.closing_standard, deadlines=workflow.due_dates(at, d.get("category")),
        reasons=reasons, routed_to=d.get("routed_to"), open_orders=[o["id"] for o in facts["open_orders"]],
        workflow_version=workflow.version,
    )


def _units_by_tier(units: list[Row], tiers: list[str], sector: str | None) -> list[UnitView]:
    """The most local unit of each tier, in tier order (a department only when it serves the sector)."""
    found: list[UnitView] = []
    for tier in tiers:
        candidates = [u for u in units
                      if u["kind"] == tier and (tier != "department" or sector in (u["sectors"] or []))]
        if candidates:
            best = max(candidates, key=lambda u: (len(u["area_code"]), u["code"]))
            if best["code"] not in {f.code for f in found}:
                found.append(_view(best))
    return found


def _view(unit: Row) -> UnitView:
    return UnitView(**{**unit, "sectors": unit.get("sectors") or []})


def _colour_reason(colour: str | None) -> str:
    if colour is None:
        return "无在办风险预警，按蓝色（四级）就地化解"
    return f"{COLOUR_NAMES_ZH[colour]}预警（{LEVELS_ZH[COLOUR_LEVEL[colour]]}），三色四级联动分流"
