"""The closed loop over HTTP: every route answers for the caller's jurisdiction only (404 outside it)."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from app import deps
from app.caller import Caller
from app.db.graph import Graph
from app.main import create_app
from app.settings import Settings
from tests.detection.fixtures import COMMUNITIES
from tests.workorders.fixtures import ELSEWHERE, GRID_WORKER, STAFF, T0, build_district


def _client(settings: Settings, caller: Caller) -> TestClient:
    app = create_app(settings.model_copy(update={"caselink_scheduler": False}))
    app.dependency_overrides[deps.get_caller] = lambda: caller
    app.dependency_overrides[deps.require_login] = lambda: None
    return TestClient(app)


@pytest.fixture
def district(empty_graph: Graph) -> Iterator[Graph]:
    build_district(empty_graph, 2, colours={0: "yellow"})
    yield empty_graph


def _iso(delta: timedelta = timedelta()) -> str:
    return (T0 + delta).isoformat()


def test_dispatch_to_closure_over_http(settings: Settings, district: Graph) -> None:
    with _client(settings, STAFF) as client:
        proposal = client.get("/api/v1/disputes/W00/routing", params={"at": _iso()}).json()
        assert proposal["lead"]["code"] == "410603002-JDB" and proposal["case_code"]
        created = client.post("/api/v1/workorders", json={"dispute_id": proposal["case_code"],
                                                          "unit_code": proposal["lead"]["code"],
                                                          "responsible_person": "赵科长", "at": _iso()})
        assert created.status_code == 201, created.text
        order = created.json()
        assert order["case_code"] == proposal["case_code"] and order["status"] == "已派单"
        late = client.get("/api/v1/workorders", params={"overdue": "true", "as_of": _iso(timedelta(hours=5))}).json()
        assert [o["id"] for o in late["items"]] == [order["id"]] and late["items"][0]["overdue"] == ["sign"]
        run = client.post("/api/v1/supervise", params={"as_of": _iso(timedelta(hours=5))}).json()
        assert [s["code"] for s in run["recorded"]] == ["sign"]
        assert client.post(f"/api/v1/workorders/{order['id']}/sign", json={"at": _iso(timedelta(hours=6))}).json()[
            "status"] == "已签收"
        replied = client.post(f"/api/v1/workorders/{order['id']}/reply",
                              json={"text": "已上门调解", "at": _iso(timedelta(days=2))})
        assert replied.json()["reply"] == "已上门调解"
        assert client.post(f"/api/v1/workorders/{order['id']}/sign").status_code == 409
        done = client.post(f"/api/v1/workorders/{order['id']}/resolve",
                           json={"outcome": "维修完毕，双方和解", "at": _iso(timedelta(days=3))})
        assert done.json()["status"] == "已办结"
        visits = client.get("/api/v1/visits", params={"due_before": _iso(timedelta(days=40))}).json()
        assert visits[0]["method"] == "电话回访" and visits[0]["case_code"] == proposal["case_code"]
        visit = client.post(f"/api/v1/visits/{visits[0]['id']}",
                            json={"satisfaction": "基本满意", "at": _iso(timedelta(days=5))}).json()
        assert visit["warning"]["colour"] == "blue"
        body = {"outcome": "维修完毕", "mediation_notes": "物业承担维修费", "at": _iso(timedelta(days=6))}
        closed = client.post("/api/v1/disputes/W00/close", json=body)
        assert closed.status_code == 200 and closed.json()["closed_by_unit"] == "410603002-JDB"
        figures = client.get("/api/v1/figures", params={"group_by": "unit", "from": "2025-03-01", "to": "2025-03-31"})
        row = figures.json()["rows"][0]
        assert (row["key"], row["dispatched"], row["resolved"]) == ("410603002-JDB", 1, 1)
        assert row["satisfaction_rate"] == 1.0
        notice = client.post("/api/v1/notices", json={"kind": "工作提示单", "dispute_id": "W01",
                                                      "unit_code": f"{COMMUNITIES[1]}-JWH", "reason": "提前介入",
                                                      "at": _iso(timedelta(days=7))})
        assert notice.status_code == 201 and notice.json()["code"] == "TSH-2025-0001"
        assert client.get(f"/api/v1/notices/{notice.json()['code']}").json()["case_code"]
        assert "410603-ZZZX" in {u["code"] for u in client.get("/api/v1/units").json()}


def test_other_jurisdictions_get_404_and_grid_workers_cannot_command(settings: Settings, district: Graph) -> None:
    with _client(settings, STAFF) as client:
        order = client.post("/api/v1/workorders", json={"dispute_id": "W00", "unit_code": "410603002-JDB",
                                                        "responsible_person": "赵", "at": _iso()}).json()
        bad_unit = client.post("/api/v1/workorders", json={"dispute_id": "W01", "unit_code": "nope",
                                                           "responsible_person": "赵", "at": _iso()})
        assert bad_unit.status_code == 422
    with _client(settings, ELSEWHERE) as client:
        assert client.get("/api/v1/disputes/W00/routing").status_code == 404
        assert client.get(f"/api/v1/workorders/{order['id']}").status_code == 404
        assert client.post(f"/api/v1/workorders/{order['id']}/sign").status_code == 404
        assert client.get("/api/v1/workorders").json()["total"] == 0
        assert client.post("/api/v1/disputes/W00/close", json={"outcome": "x"}).status_code == 404
        assert client.post("/api/v1/notices", json={"kind": "风险警示函", "dispute_id": "W00",
                                                    "unit_code": "410603-ZZZX", "reason": "x"}).status_code == 404
        assert client.post("/api/v1/supervise").json()["checked"] == 0
    with _client(settings, GRID_WORKER) as client:
        assert client.post("/api/v1/supervise").status_code == 403
        assert client.post("/api/v1/workorders", json={"dispute_id": "W00", "unit_code": "410603002-JDB",
                                                       "responsible_person": "赵"}).status_code == 403
