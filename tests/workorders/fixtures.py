"""A small synthetic district for closed-loop tests: areas, derived units, disputes and risk warnings."""

from datetime import datetime, timedelta, timezone

from app.caller import Caller
from app.db.graph import Graph
from app.warnings.models import WarningDraft
from app.warnings.service import upsert_warnings
from app.workorders.units import ensure_units
from tests.detection.fixtures import COMMUNITIES, create_disputes, dispute_row, load_areas

BEIJING = timezone(timedelta(hours=8))
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=BEIJING)
DISTRICT, STREET = "410603", "410603002"
STAFF = Caller(username="zz-staff", role="staff", area_code=DISTRICT, client="test")
ELSEWHERE = Caller(username="qb-staff", role="staff", area_code="410611", client="test")
GRID_WORKER = Caller(username="wg", role="grid_worker", area_code=COMMUNITIES[0], client="test")


def build_district(graph: Graph, count: int, *, colours: dict[int, str] | None = None) -> list[str]:
    """Areas, units and `count` disputes W01… in the communities in turn; `colours` gives some a risk warning."""
    load_areas(graph)
    ensure_units(graph=graph, force=True)
    rows = [
        dispute_row(dispute_id(n), area_code=f"{COMMUNITIES[n % len(COMMUNITIES)]}001",
                    category="物业纠纷" if n % 2 else "劳资纠纷", keywords=["漏水", "维修"],
                    occurred_at=T0 - timedelta(days=1, hours=n), persons=[{"pid": f"PW{n:02d}", "name": f"当事人{n}"}])
        for n in range(count)
    ]
    create_disputes(graph, rows)
    drafts = [risk_draft(dispute_id(n), rows[n]["area_code"], colour) for n, colour in (colours or {}).items()]
    if drafts:
        upsert_warnings(graph=graph, scope="", drafts=drafts)
    return [row["id"] for row in rows]


def dispute_id(n: int) -> str:
    """The id of the n-th synthetic dispute."""
    return f"W{n:02d}"


def risk_draft(target: str, area_code: str, colour: str) -> WarningDraft:
    """A risk warning as scoring would write it."""
    return WarningDraft(kind="risk", target_label="Dispute", target_key=target, target_key_property="id",
                        area_code=area_code, colour=colour, score=50, title=f"测试风险{target}", reasons=["测试"],
                        rule_version="test", evidence=[], as_of=T0)
