"""Units from the area hierarchy, routing by colour and category, and the checks of dispatch and its verbs."""

from datetime import timedelta

import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.workorders import service
from app.workorders.models import WorkflowError
from app.workorders.routing import propose_routing
from app.workorders.units import ensure_units, list_units
from app.workorders.visits import list_dispute_visits
from tests.detection.fixtures import COMMUNITIES
from tests.workorders.fixtures import ELSEWHERE, GRID_WORKER, STAFF, T0, build_district


@pytest.fixture
def district(empty_graph: Graph) -> Graph:
    build_district(empty_graph, 5, colours={0: "red", 1: "orange", 2: "yellow", 3: "blue"})
    return empty_graph


def test_units_follow_the_area_hierarchy_and_load_once(district: Graph) -> None:
    units = {u.code: u for u in list_units(graph=district, caller=SYSTEM)}
    expected = {"410603-ZZZX", "410603-TJZX", "410603002-JDB", "410603-RSJ", "410603-ZJJ", "410603-PCS-HQ",
                *(f"{c}-JWH" for c in COMMUNITIES)}
    assert expected <= units.keys()
    assert units["410603-ZZZX"].name == "山城区综治中心" and units["410603002-JDB"].name == "红旗街道办事处"
    assert set(units["410603-ZJJ"].sectors) == {"物业", "住房城建"}
    assert "410611-PCS-TS" not in units, "a police station of an area not loaded is skipped"
    assert ensure_units(graph=district) == 0
    community = list_units(graph=district, caller=GRID_WORKER)
    assert {u.code for u in community} == {"410603-ZZZX", "410603-TJZX", "410603002-JDB", "410603-PCS-HQ",
                                           f"{COMMUNITIES[0]}-JWH"} | {c for c in units if c.startswith("410603-")}


def test_routing_follows_colour_area_and_category(district: Graph) -> None:
    proposals = [propose_routing(graph=district, caller=STAFF, dispute_id=f"W{n:02d}", at=T0) for n in range(5)]
    red, orange, yellow, blue, none = proposals
    assert red.colour == "red" and red.lead.code == "410603-ZZZX"
    assert [u.code for u in red.co_units] == ["410603-RSJ", "410603002-JDB"]
    assert red.deadlines["reply_due"] == T0 + timedelta(days=5), "劳资纠纷 has its own reply deadline"
    assert orange.lead.code == "410603-ZJJ" and orange.sector == "物业"
    assert orange.deadlines["sign_due"] == T0 + timedelta(hours=4)
    assert orange.deadlines["reply_due"] == T0 + timedelta(days=9)
    assert yellow.lead.code == "410603002-JDB" and yellow.co_units[0].code == "410603-TJZX"
    assert blue.lead.code == f"{COMMUNITIES[3]}-JWH"
    assert none.colour is None and none.tier_colour == "blue" and none.lead.code == f"{COMMUNITIES[0]}-JWH"
    assert all(p.case_code and p.closing_standard for p in proposals)
    by_code = propose_routing(graph=district, caller=STAFF, dispute_id=red.case_code, at=T0)
    assert by_code.dispute_id == "W00", "a case is found by its case code (一案一码)"
    assert propose_routing(graph=district, caller=ELSEWHERE, dispute_id="W00") is None


def test_dispatch_checks_unit_scope_role_and_repeats(district: Graph) -> None:
    unit = f"{COMMUNITIES[0]}-JWH"
    with pytest.raises(WorkflowError) as error:
        service.dispatch(graph=district, caller=STAFF, dispute_id="W00", unit_code=f"{COMMUNITIES[1]}-JWH",
                         responsible_person="张", at=T0)
    assert error.value.status == 422, "a community unit does not cover another community"
    assert service.dispatch(graph=district, caller=ELSEWHERE, dispute_id="W00", unit_code=unit,
                            responsible_person="张", at=T0) is None
    with pytest.raises(WorkflowError) as error:
        service.dispatch(graph=district, caller=GRID_WORKER, dispute_id="W00", unit_code=unit,
                         responsible_person="张", at=T0)
    assert error.value.status == 403
    first = service.dispatch(graph=district, caller=STAFF, dispute_id="W00", unit_code=unit,
                             responsible_person="张主任", at=T0)
    again = service.dispatch(graph=district, caller=STAFF, dispute_id="W00", unit_code=unit,
                             responsible_person="张主任", at=T0)
    assert again.id == first.id and len(again.history) == 1
    assert first.case_code and first.status == "已派单" and first.area_code == f"{COMMUNITIES[0]}001"
    assert first.unit_name and first.responsible_person == "张主任" and first.colour == "red"
    with pytest.raises(WorkflowError) as error:
        service.dispatch(graph=district, caller=STAFF, dispute_id="W00", unit_code=unit,
                         responsible_person="张主任", at=T0 + timedelta(hours=1))
    assert error.value.status == 409
    page = service.list_work_orders(graph=district, caller=STAFF, case=first.case_code)
    assert [o.id for o in page.items] == [first.id]


def test_verbs_follow_the_status_order(district: Graph) -> None:
    order = service.dispatch(graph=district, caller=STAFF, dispute_id="W04", unit_code=f"{COMMUNITIES[0]}-JWH",
                             responsible_person="李", at=T0)
    with pytest.raises(WorkflowError) as error:
        service.reply(graph=district, caller=GRID_WORKER, order_id=order.id, text="已调解", at=T0 + timedelta(hours=1))
    assert error.value.status == 409
    with pytest.raises(WorkflowError) as error:
        service.sign(graph=district, caller=GRID_WORKER, order_id=order.id, at=T0 - timedelta(hours=1))
    assert error.value.status == 422
    signed = service.sign(graph=district, caller=GRID_WORKER, order_id=order.id, at=T0 + timedelta(hours=1))
    twice = service.sign(graph=district, caller=GRID_WORKER, order_id=order.id, at=T0 + timedelta(hours=2))
    assert signed.status == twice.status == "已签收" and twice.signed_at == T0 + timedelta(hours=1)
    service.progress(graph=district, caller=GRID_WORKER, order_id=order.id, at=T0 + timedelta(days=1), note="走访")
    done = service.resolve(graph=district, caller=GRID_WORKER, order_id=order.id, outcome="双方和解",
                           at=T0 + timedelta(days=2))
    assert done.status == "已办结" and done.outcome == "双方和解" and done.overdue == []
    assert [e.event for e in done.history] == ["dispatched", "sign", "progress", "resolve"]
    visits = list_dispute_visits(graph=district, scope=STAFF.scope, dispute_id="W04")
    assert [(v.method, v.due_at) for v in visits] == [("短信或邻里回访", T0 + timedelta(days=32))]
    assert service.sign(graph=district, caller=ELSEWHERE, order_id=order.id) is None
