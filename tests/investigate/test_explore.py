"""Exploration on the samples: paths, neighbourhoods, element graphs, GraphML, groups, profiles, search, audit."""

import io
import json
from datetime import datetime

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.settings import Settings
from tests.auth.helpers import admin_headers, user_headers

LI_ID, LI_PHONE = "410603196605184224", "13803921234"
HOTLINE = "/api/v1/reports/hotline12345/HB12345-20250507-000123"


@pytest.fixture(scope="module")
def investigator(client: TestClient, sample_graph: Graph) -> dict[str, str]:
    return user_headers(client, sample_graph, role="investigator", area="410603")


@pytest.fixture(scope="module")
def analyst(client: TestClient, sample_graph: Graph) -> dict[str, str]:
    return user_headers(client, sample_graph, role="analyst", area="410603")


def _water_leak(client: TestClient, headers: dict[str, str]) -> dict:
    """The dispute of the 长风社区 water-leak hotline order."""
    return client.get(f"{HOTLINE}/related", params={"kinds": "same_incident"}, headers=headers).json()["dispute"]


def _pid(client: TestClient, headers: dict[str, str], name: str) -> str:
    hits = client.get("/api/v1/search", params={"q": name}, headers=headers).json()["hits"]
    return next(h["node"]["key"] for h in hits if h["node"]["label"] == "Person" and h["node"]["caption"] == name)


def test_path_finds_the_hidden_connection_through_their_disputes(client: TestClient, investigator: dict) -> None:
    shang, niu = _pid(client, investigator, "尚雪梅"), _pid(client, investigator, "牛建军")
    response = client.get("/api/v1/graph/path", params={"from": f"Person:{shang}", "to": f"Person:{niu}"},
                          headers=investigator)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["length"] == 2 and len(body["paths"]) == 2
    for path in body["paths"]:
        assert [n["label"] for n in path["nodes"]] == ["Person", "Dispute", "Person"]
        assert {e["type"] for e in path["edges"]} == {"PARTY_IN"}
    too_short = client.get("/api/v1/graph/path", params={"from": f"Person:{shang}", "to": f"Person:{niu}",
                                                         "max_hops": 1}, headers=investigator).json()
    assert too_short["length"] is None and too_short["paths"] == []


def test_neighbourhood_is_capped_and_well_formed(client: TestClient, investigator: dict) -> None:
    li = _pid(client, investigator, "李秀兰")
    body = client.get("/api/v1/graph/neighbourhood", params={"node": f"Person:{li}", "hops": 2},
                      headers=investigator).json()
    ids = {n["id"] for n in body["nodes"]}
    assert f"Person:{li}" in ids
    assert {"Dispute", "Report", "Phone", "IdNumber"} <= {n["label"] for n in body["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    capped = client.get("/api/v1/graph/neighbourhood", params={"node": f"Person:{li}", "hops": 3, "limit": 5},
                        headers=investigator).json()
    assert len(capped["nodes"]) == 5 and capped["truncated"] is True and capped["note"]


def test_neighbourhood_rejects_bad_nodes(client: TestClient, investigator: dict) -> None:
    for node, status in (("Person", 422), ("Planet:Mars", 422), ("Person:P-nobody", 404)):
        response = client.get("/api/v1/graph/neighbourhood", params={"node": node}, headers=investigator)
        assert response.status_code == status, node
    assert client.get("/api/v1/graph/neighbourhood", params={"node": "Dispute:D1", "hops": 4},
                      headers=investigator).status_code == 422


def test_elements_graph_of_the_water_leak(client: TestClient, investigator: dict) -> None:
    dispute_id = _water_leak(client, investigator)["id"]
    body = client.get(f"/api/v1/disputes/{dispute_id}/elements-graph", headers=investigator).json()
    captions = {(n["label"], n["caption"]) for n in body["nodes"]}
    assert {("Person", "李秀兰"), ("Person", "赵国强"), ("Organization", "鹤壁市安居物业服务有限公司"),
            ("Place", "长风小区3号楼"), ("Area", "长风社区"), ("Area", "山城区"), ("Phone", LI_PHONE)} <= captions
    types = {e["type"] for e in body["edges"]}
    assert {"PARTY_IN", "AT_PLACE", "IN_AREA", "PART_OF", "HAS_PHONE", "OF_DISPUTE"} <= types


def test_graphml_export_reads_back(client: TestClient, investigator: dict) -> None:
    li = _pid(client, investigator, "李秀兰")
    response = client.get("/api/v1/graph/export.graphml", params={"node": f"Person:{li}", "hops": 2},
                          headers=investigator)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    g = nx.read_graphml(io.BytesIO(response.content))
    assert f"Person:{li}" in g and g.nodes[f"Person:{li}"]["caption"] == "李秀兰"
    assert g.number_of_edges() > 0
    times = [v for _, data in g.nodes(data=True) for k, v in data.items() if k.endswith("_at")]
    assert times and all(not t.startswith('"') and "T" in t for t in times), times[:3]


def test_communities_group_persons_who_appear_together(client: TestClient, investigator: dict) -> None:
    shang = _pid(client, investigator, "尚雪梅")
    body = client.get("/api/v1/graph/communities", params={"node": f"Person:{shang}"}, headers=investigator).json()
    groups = [{m["caption"] for m in c["members"]} for c in body["communities"]]
    assert {"尚雪梅", "牛建军"} in groups
    assert body["persons"] >= 2 and body["links"] >= 1


def test_profile_shows_identifiers_to_investigators_and_masks_them_for_analysts(
        client: TestClient, investigator: dict, analyst: dict) -> None:
    li = _pid(client, investigator, "李秀兰")
    full = client.get(f"/api/v1/persons/{li}", headers=investigator).json()
    assert LI_ID in full["id_numbers"] and LI_PHONE in full["phones"]
    assert len(full["disputes"]) >= 3 and full["disputes_by_role"]
    assert any(p["name"] == "赵国强" and p["how"] == "shared_dispute" for p in full["linked_persons"])
    masked = client.get(f"/api/v1/persons/{li}", headers=analyst)
    assert masked.json()["id_numbers"] == ["410603********4224"] and masked.json()["phones"] == ["138****1234"]
    for path in (f"/api/v1/persons/{li}", f"/api/v1/persons/{li}/timeline",
                 f"/api/v1/graph/neighbourhood?node=Person:{li}&hops=3", "/api/v1/search?q=李秀兰",
                 f"{HOTLINE}/related"):
        text = client.get(path, headers=analyst).text
        assert LI_ID not in text and LI_PHONE not in text, path


def test_timelines_run_newest_first(client: TestClient, investigator: dict) -> None:
    niu = _pid(client, investigator, "牛建军")
    events = client.get(f"/api/v1/persons/{niu}/timeline", headers=investigator).json()["events"]
    assert {"report", "notice", "key_person"} <= {e["kind"] for e in events}
    times = [datetime.fromisoformat(e["at"].replace("Z", "+00:00")) for e in events]
    assert times == sorted(times, reverse=True)
    area = client.get("/api/v1/areas/410603002003/timeline", headers=investigator).json()
    disputes = [e for e in area["events"] if e["kind"] == "dispute"]
    assert len(disputes) >= 4 and all(e["area_code"].startswith("410603002003") for e in disputes)
    assert all(e["detail"]["reports"] for e in disputes)


def test_search_finds_by_name_phone_id_case_code_and_text(client: TestClient, investigator: dict) -> None:
    def first(q: str) -> dict:
        return client.get("/api/v1/search", params={"q": q}, headers=investigator).json()["hits"][0]

    assert first("李秀兰")["node"]["caption"] == "李秀兰"
    assert first(LI_PHONE)["node"]["caption"] == "李秀兰" and first(LI_PHONE)["match"] == "Phone"
    assert first(LI_ID)["match"] == "IdNumber"
    dispute = _water_leak(client, investigator)
    hit = first(dispute["case_code"])
    assert hit["node"]["id"] == f"Dispute:{dispute['id']}" and hit["match"] == "case_code"
    assert first("HB12345-20250507-000123")["node"]["id"] == "Report:hotline12345|HB12345-20250507-000123"
    assert first("安居物业")["node"]["label"] == "Organization"
    assert any(h["node"]["label"] == "Dispute" for h in
               client.get("/api/v1/search", params={"q": "漏水"}, headers=investigator).json()["hits"])
    for odd in ('"', "a:b (c", "AND", "*", "\\"):
        assert client.get("/api/v1/search", params={"q": odd}, headers=investigator).status_code == 200


def test_person_lookups_are_audited(client: TestClient, sample_graph: Graph, settings: Settings,
                                    investigator: dict) -> None:
    li = _pid(client, investigator, "李秀兰")
    client.get(f"/api/v1/persons/{li}", headers=investigator)
    client.get(f"/api/v1/persons/{li}/timeline", headers=investigator)
    client.get("/api/v1/graph/neighbourhood", params={"node": f"Person:{li}"}, headers=investigator)
    admin = admin_headers(client, settings)
    body = client.get("/api/v1/audit", params={"user": "investigator-410603"}, headers=admin).json()
    seen = {(e["action"], e["target"]) for e in body["entries"]}
    assert {("person.profile", f"Person:{li}"), ("person.timeline", f"Person:{li}"),
            ("graph.neighbourhood", f"Person:{li}"), ("search", "李秀兰")} <= seen
    entry = next(e for e in body["entries"] if e["action"] == "person.profile")
    assert entry["client"] == "testclient" and entry["path"] == f"/api/v1/persons/{li}"
    assert json.dumps(body["entries"]).count("investigator-410603") == body["count"]
    assert client.get("/api/v1/audit", headers=investigator).status_code == 403
    later = client.get("/api/v1/audit", params={"from": "2100-01-01T00:00:00"}, headers=admin).json()
    assert later["count"] == 0
