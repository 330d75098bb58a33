"""GET /api/v1/disputes/{id}: elements, flags with evidence, score breakdown, reports, masked parties."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.caller import SYSTEM, Caller
from app.db.graph import Graph
from app.disputes.service import dispute_for_report, get_dispute
from app.main import create_app
from app.settings import Settings

NIU_POLICE = "police110|J41060320250429153012001"
NIU_ID = "410603198203151234"
SHANCHENG = Caller(username="sc", role="staff", area_code="410603")
QIBIN = Caller(username="qb", role="staff", area_code="410611")


@pytest.fixture
def client_as(settings: Settings) -> Iterator:
    """A test client whose requests run as a given caller (as the auth layer would set it)."""
    clients: list[TestClient] = []

    def make(caller: Caller) -> TestClient:
        app = create_app(settings)

        @app.middleware("http")
        async def as_caller(request, call_next):
            request.state.caller = caller
            return await call_next(request)

        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def test_dispute_page_shows_elements_flags_score_reports_and_masked_parties(sample_graph: Graph,
                                                                            client_as) -> None:
    dispute_id = dispute_for_report(graph=sample_graph, caller=SYSTEM, report_key=NIU_POLICE)
    response = client_as(SHANCHENG).get(f"/api/v1/disputes/{dispute_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["category"] == "婚姻家庭"
    assert any("报复" in str(hit) for hit in body["keyword_hits"])
    assert body["score"]["colour"] in ("red", "orange") and body["score"]["items"]
    report = next(r for r in body["reports"] if r["key"] == NIU_POLICE)
    assert "扬言" in report["elements"]["escalation_words"]
    niu = next(p for p in body["persons"] if p["name"] == "牛建军")
    assert niu["id_number"] == "410603********1234" and niu["key_person"]
    assert NIU_ID not in response.text
    assert any(w["kind"] == "risk" for w in body["warnings"])


def test_dispute_by_case_code_and_unmasked_for_investigators(sample_graph: Graph) -> None:
    dispute_id = dispute_for_report(graph=sample_graph, caller=SYSTEM, report_key=NIU_POLICE)
    detail = get_dispute(graph=sample_graph, caller=SYSTEM, dispute_id=dispute_id)
    by_code = get_dispute(graph=sample_graph, caller=SYSTEM, dispute_id=detail.case_code)
    assert by_code.id == dispute_id
    assert NIU_ID in {p["id_number"] for p in detail.persons}


def test_out_of_scope_dispute_answers_like_an_unknown_one(sample_graph: Graph, client_as) -> None:
    dispute_id = dispute_for_report(graph=sample_graph, caller=SYSTEM, report_key=NIU_POLICE)
    client = client_as(QIBIN)
    hidden, unknown = client.get(f"/api/v1/disputes/{dispute_id}"), client.get("/api/v1/disputes/D-nothing")
    assert hidden.status_code == unknown.status_code == 404
    assert dispute_for_report(graph=sample_graph, caller=QIBIN, report_key=NIU_POLICE) is None
