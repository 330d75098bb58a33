"""Warnings for any kind and target: upsert once, history only on change, close, acknowledge, scope, masking."""

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from app.caller import SYSTEM, Caller
from app.db.graph import Graph
from app.db.schema import wipe
from app.ingest.reference import load_reference
from app.main import create_app
from app.settings import Settings
from app.warnings.models import Evidence, WarningDraft
from app.warnings.service import (
    WarningStateError,
    acknowledge_warning,
    close_warnings,
    get_warning,
    list_warnings,
    set_warning_status,
    upsert_warnings,
)
from tests.conftest import SAMPLES

NIU_ENTRY = "410603198203151234"
NOTICE = "TSH-2024-1207"
SHANCHENG = Caller(username="sc", role="staff", area_code="410603")
QIBIN = Caller(username="qb", role="staff", area_code="410611")
INVESTIGATOR = Caller(username="inv", role="investigator", area_code="410603")


@pytest.fixture(scope="module")
def reference_graph(graph: Graph, settings: Settings) -> Graph:
    """Only the reference data (areas, key persons, notices): warnings here are the tests' own."""
    wipe(graph)
    load_reference(graph=graph, settings=settings, directory=SAMPLES / "reference")
    return graph


def _draft(area: str, colour: str = "yellow", *, with_notice: bool = True, kind: str = "surge") -> WarningDraft:
    evidence = [Evidence(factor="key_person", points=30, detail="当事人比中重点人员库", node_label="KeyPersonEntry",
                         node_key=NIU_ENTRY, node_key_property="key")]
    if with_notice:
        evidence.append(Evidence(factor="notice", points=15, detail=f"已下发提示函{NOTICE}", node_label="Notice",
                                 node_key=NOTICE, node_key_property="code"))
    return WarningDraft(
        kind=kind, target_label="Area", target_key=area, target_key_property="code", area_code=area,
        colour=colour, score=sum(e.points for e in evidence), title=f"测试预警{area}",
        reasons=[e.detail for e in evidence], rule_version="test", evidence=evidence,
        as_of=datetime(2025, 5, 1, tzinfo=UTC), figures={"observed": 5, "expected": 1.5},
    )


def _upsert(graph: Graph, *drafts: WarningDraft, scope: str = "") -> list[str]:
    return upsert_warnings(graph=graph, scope=scope, drafts=list(drafts))


def test_upsert_creates_once_and_a_rerun_changes_nothing(reference_graph: Graph) -> None:
    draft = _draft("410603002003")
    assert _upsert(reference_graph, draft) == [draft.id]
    first = get_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id)
    assert first.status == "open" and first.level == 3 and first.leader and len(first.history) == 1
    assert first.target["code"] == "410603002003"
    assert {(e.node_label, e.node_key) for e in first.evidence} == {("KeyPersonEntry", NIU_ENTRY), ("Notice", NOTICE)}
    _upsert(reference_graph, draft)
    again = get_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id)
    assert again.history == first.history and again.updated_at == first.updated_at
    assert len(again.evidence) == 2


def test_a_change_appends_history_and_replaces_evidence(reference_graph: Graph) -> None:
    _upsert(reference_graph, _draft("410603002003001"))
    changed = _draft("410603002003001", "red", with_notice=False)
    _upsert(reference_graph, changed)
    warning = get_warning(graph=reference_graph, caller=SYSTEM, warning_id=changed.id)
    assert warning.colour == "red" and warning.level == 1 and warning.score == 30
    assert [h["colour"] for h in warning.history] == ["yellow", "red"]
    assert [(e.node_label, e.points) for e in warning.evidence] == [("KeyPersonEntry", 30)]


def test_close_keeps_the_warning_and_a_new_draft_reopens_it(reference_graph: Graph) -> None:
    draft = _draft("410603002003002")
    _upsert(reference_graph, draft)
    assert close_warnings(graph=reference_graph, scope="", warning_ids=[draft.id]) == [draft.id]
    assert close_warnings(graph=reference_graph, scope="", warning_ids=[draft.id]) == []
    closed = get_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id)
    assert closed.status == "closed" and closed.history[-1]["status"] == "closed"
    _upsert(reference_graph, draft)
    reopened = get_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id)
    assert reopened.status == "open" and reopened.history[-1]["event"] == "reopened"
    assert len(reopened.history) == 3


def test_acknowledged_stays_acknowledged_until_it_gets_worse(reference_graph: Graph) -> None:
    draft = _draft("410611004002")
    _upsert(reference_graph, draft)
    acknowledged = acknowledge_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id, note="已包案")
    assert acknowledged.status == "acknowledged" and acknowledged.acknowledged_by == "system"
    _upsert(reference_graph, _draft("410611004002", "blue"))
    assert get_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id).status == "acknowledged"
    _upsert(reference_graph, _draft("410611004002", "orange"))
    escalated = get_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id)
    assert escalated.status == "open" and escalated.history[-1]["event"] == "escalated"
    set_warning_status(graph=reference_graph, caller=SYSTEM, warning_id=draft.id, status="closed")
    with pytest.raises(WarningStateError):
        acknowledge_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id)


def test_scope_hides_other_jurisdictions_and_guards_upsert(reference_graph: Graph) -> None:
    draft = _draft("410603002")
    assert _upsert(reference_graph, draft, scope=QIBIN.scope) == []
    assert get_warning(graph=reference_graph, caller=SYSTEM, warning_id=draft.id) is None
    _upsert(reference_graph, draft, scope=SHANCHENG.scope)
    assert get_warning(graph=reference_graph, caller=QIBIN, warning_id=draft.id) is None
    assert acknowledge_warning(graph=reference_graph, caller=QIBIN, warning_id=draft.id) is None
    assert draft.id not in {w.id for w in list_warnings(graph=reference_graph, caller=QIBIN, size=200).items}
    assert get_warning(graph=reference_graph, caller=SHANCHENG, warning_id=draft.id) is not None


def test_identifiers_are_masked_unless_the_role_may_see_them(reference_graph: Graph) -> None:
    draft = _draft("410603")
    _upsert(reference_graph, draft)
    masked = get_warning(graph=reference_graph, caller=SHANCHENG, warning_id=draft.id)
    keys = {e.node_key for e in masked.evidence if e.node_label == "KeyPersonEntry"}
    assert keys == {"410603********1234"}
    assert NIU_ENTRY not in masked.model_dump_json()
    shown = get_warning(graph=reference_graph, caller=INVESTIGATOR, warning_id=draft.id)
    assert NIU_ENTRY in {e.node_key for e in shown.evidence}


def test_board_filters_and_pages(reference_graph: Graph) -> None:
    _upsert(reference_graph, _draft("410622001008", "red", kind="respondent"),
            _draft("410622001008001", "blue", kind="respondent"))
    red = list_warnings(graph=reference_graph, caller=SYSTEM, kind="respondent", colour="red")
    assert [w.target_key for w in red.items] == ["410622001008"]
    area = list_warnings(graph=reference_graph, caller=SYSTEM, area="410622", size=1)
    assert area.total == 2 and len(area.items) == 1 and area.items[0].colour == "red"
    today = datetime.now(UTC).date()
    assert list_warnings(graph=reference_graph, caller=SYSTEM, area="410622", date_from=today).total == 2
    assert list_warnings(graph=reference_graph, caller=SYSTEM, area="410622", date_to=date(2020, 1, 1)).total == 0
    assert list_warnings(graph=reference_graph, caller=SYSTEM, area="410622", status="closed").total == 0


@pytest.fixture
def client_for(settings: Settings) -> Iterator:
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


def test_warning_api(reference_graph: Graph, client_for) -> None:
    draft = _draft("410603002003", "orange", kind="prior_record")
    _upsert(reference_graph, draft)
    client = client_for(SHANCHENG)
    board = client.get("/api/v1/warnings", params={"kind": "prior_record", "colour": "orange"})
    assert board.status_code == 200 and [w["id"] for w in board.json()["items"]] == [draft.id]
    detail = client.get(f"/api/v1/warnings/{draft.id}").json()
    assert {e["node_label"] for e in detail["evidence"]} == {"KeyPersonEntry", "Notice"}
    assert NIU_ENTRY not in str(detail)
    done = client.post(f"/api/v1/warnings/{draft.id}/acknowledge", json={"note": "收到"})
    assert done.status_code == 200 and done.json()["status"] == "acknowledged"
    other = client_for(QIBIN)
    assert other.get(f"/api/v1/warnings/{draft.id}").status_code == 404
    assert other.post(f"/api/v1/warnings/{draft.id}/acknowledge").status_code == 404
    assert other.get("/api/v1/warnings/risk:Dispute:nothing").status_code == 404
