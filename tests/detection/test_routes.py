"""POST /api/v1/detect runs the full pass for admins and analysts, within their jurisdiction."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app import deps
from app.caller import Caller
from app.db.graph import Graph
from app.main import create_app
from app.settings import Settings
from tests.detection.fixtures import COMMUNITIES, at, create_disputes, dispute_row, load_areas


def _client(settings: Settings, caller: Caller) -> TestClient:
    app = create_app(settings.model_copy(update={"caselink_scheduler": False}))
    app.dependency_overrides[deps.get_caller] = lambda: caller
    if hasattr(deps, "require_login"):
        app.dependency_overrides[deps.require_login] = lambda: None
    return TestClient(app)


@pytest.fixture
def leaks(empty_graph: Graph) -> Iterator[Graph]:
    load_areas(empty_graph)
    create_disputes(empty_graph, [
        dispute_row(f"DAPI{n}", area_code=f"{COMMUNITIES[0]}001", category="物业纠纷",
                    keywords=["漏水", "物业", "维修"], occurred_at=at(10 + n)) for n in range(4)
    ])
    yield empty_graph


def test_analyst_runs_detection_and_sees_similar_links(settings: Settings, leaks: Graph) -> None:
    analyst = Caller(username="analyst1", role="analyst", area_code="410603", client="test")
    with _client(settings, analyst) as client:
        response = client.post("/api/v1/detect", json={"as_of": at(20).isoformat()})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["disputes"] == 4 and body["similar_links"] == 6 and body["warnings"]["repeat"] >= 1
        similar = client.get("/api/v1/detect/similar/DAPI0").json()
    assert {(s["source"], s["target"]) for s in similar} == {("DAPI0", "DAPI1"), ("DAPI0", "DAPI2"), ("DAPI0", "DAPI3")}


def test_other_roles_may_not_run_detection_and_other_districts_see_nothing(settings: Settings, leaks: Graph) -> None:
    staff = Caller(username="staff1", role="staff", area_code="410603", client="test")
    with _client(settings, staff) as client:
        refused = client.post("/api/v1/detect", json={})
        assert refused.status_code == 403 and refused.json()["detail"] == "只有系统管理员和分析人员可以运行研判"
    elsewhere = Caller(username="analyst2", role="analyst", area_code="410611", client="test")
    with _client(settings, elsewhere) as client:
        body = client.post("/api/v1/detect").json()
        assert body["disputes"] == 0 and body["warning_ids"] == []
        assert client.get("/api/v1/detect/similar/DAPI0").json() == []
