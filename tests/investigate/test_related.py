"""Related cases on the shared samples: the 长风社区 water leak and 李秀兰's other disputes."""

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.investigate import related
from app.investigate.config import get_config
from app.settings import Settings
from tests.auth.helpers import admin_headers, user_headers

HOTLINE = "/api/v1/reports/hotline12345/HB12345-20250507-000123"


@pytest.fixture(scope="module")
def investigator(client: TestClient, sample_graph: Graph) -> dict[str, str]:
    return user_headers(client, sample_graph, role="investigator", area="410603")


def _person(client: TestClient, headers: dict[str, str], name: str) -> str:
    hits = client.get("/api/v1/search", params={"q": name}, headers=headers).json()["hits"]
    return next(h["node"]["key"] for h in hits if h["node"]["label"] == "Person" and h["node"]["caption"] == name)


def test_water_leak_order_links_every_record_of_the_issue(client: TestClient, investigator: dict) -> None:
    response = client.get(f"{HOTLINE}/related", headers=investigator)
    assert response.status_code == 200, response.text
    body = response.json()
    same = {r["channel"]: r for r in body["same_incident"]}
    assert {"grid", "qrcode"} <= set(same)
    assert all(r["merge_reason"] and r["why"].startswith("同一事件") for r in same.values())
    assert not any("within" in r["why"] or "first report" in r["why"] or f"（{r['channel']}）" in r["why"]
                   for r in same.values()), "why is Chinese"
    assert all(r["path"]["edges"][0]["type"] == "OF_DISPUTE" for r in same.values())
    assert "hotline12345" not in same, "the report asked about is not its own related record"
    by_channel = {r["channel"]: case for case in body["related"] for r in case["reports"]}
    assert {"police110", "department"} <= set(by_channel)
    police = by_channel["police110"]
    kinds = {reason["kind"] for reason in police["reasons"]}
    assert {"same_person", "same_place"} <= kinds
    texts = [reason["text"] for case in body["related"] for reason in case["reasons"]]
    assert any(text.startswith("相似纠纷") for text in texts)
    assert not any(code in text for text in texts for code in ("keywords", "same_place", "related_category"))
    assert any("李秀兰" in reason["text"] and "对方当事人" in reason["text"] for reason in police["reasons"])
    department = by_channel["department"]
    assert {"same_person", "same_respondent"} <= {reason["kind"] for reason in department["reasons"]}
    assert any("鹤壁市安居物业服务有限公司" in reason["text"] for reason in department["reasons"])


def test_every_other_dispute_of_li_xiulan_is_related(client: TestClient, investigator: dict) -> None:
    pid = _person(client, investigator, "李秀兰")
    profile = client.get(f"/api/v1/persons/{pid}", headers=investigator).json()
    case = client.get(f"{HOTLINE}/related", headers=investigator).json()
    theirs = {d["dispute"]["id"] for d in profile["disputes"]} - {case["dispute"]["id"]}
    assert len(theirs) >= 2
    linked = {c["dispute"]["id"] for c in case["related"]
              if any(r["kind"] == "same_person" and "李秀兰" in r["text"] for r in c["reasons"])}
    assert theirs <= linked


def test_reasons_carry_the_path_through_the_graph(client: TestClient, investigator: dict) -> None:
    case = client.get(f"{HOTLINE}/related", headers=investigator).json()
    subject = f"Dispute:{case['dispute']['id']}"
    for related_case in case["related"]:
        assert 0 < related_case["score"] <= 1
        for reason in related_case["reasons"]:
            nodes = [n["id"] for n in reason["path"]["nodes"]]
            assert nodes[0] == subject and nodes[-1] == f"Dispute:{related_case['dispute']['id']}"
            assert len(reason["path"]["edges"]) == len(nodes) - 1
            for edge in reason["path"]["edges"]:
                assert {edge["source"], edge["target"]} <= set(nodes)
    scores = [c["score"] for c in case["related"]]
    assert scores == sorted(scores, reverse=True)


def test_dispute_and_report_routes_agree(client: TestClient, investigator: dict) -> None:
    by_report = client.get(f"{HOTLINE}/related", headers=investigator).json()
    by_dispute = client.get(f"/api/v1/disputes/{by_report['dispute']['id']}/related", headers=investigator).json()
    assert [c["dispute"]["id"] for c in by_dispute["related"]] == [c["dispute"]["id"] for c in by_report["related"]]
    assert len(by_dispute["same_incident"]) == len(by_report["same_incident"]) + 1


def test_kinds_restrict_the_answer(client: TestClient, investigator: dict) -> None:
    body = client.get(f"{HOTLINE}/related", params={"kinds": "same_respondent"}, headers=investigator).json()
    assert body["related"] and body["same_incident"] == []
    assert {r["kind"] for c in body["related"] for r in c["reasons"]} == {"same_respondent"}
    bad = client.get(f"{HOTLINE}/related", params={"kinds": "same_planet"}, headers=investigator)
    assert bad.status_code == 422


def test_hub_parties_are_cut_to_their_recent_disputes(client: TestClient, investigator: dict,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    config = get_config()
    tight = config.model_copy(update={"related": config.related.model_copy(update={"hub_threshold": 1,
                                                                                   "hub_recent": 1})})
    monkeypatch.setattr(related, "get_config", lambda: tight)
    body = client.get(f"{HOTLINE}/related", params={"kinds": "same_person"}, headers=investigator).json()
    assert body["truncated"] is True
    assert any("李秀兰" in note and "仅取最近1起" in note for note in body["notes"])
    li = [c for c in body["related"] if any("李秀兰" in r["text"] for r in c["reasons"])]
    assert len(li) == 1


def test_unknown_dispute_and_report_are_404(client: TestClient, settings: Settings) -> None:
    headers = admin_headers(client, settings)
    assert client.get("/api/v1/disputes/Dnothing/related", headers=headers).status_code == 404
    assert client.get("/api/v1/reports/grid/nothing/related", headers=headers).status_code == 404


@pytest.mark.parametrize(("reason", "text"), [
    ("first report", "首次报件，由此立案"),
    ("same phone 133****6777 within 28.3 h, same category 邻里纠纷",
     "同一电话133****6777，相隔28.3小时，同一类别邻里纠纷"),
    ("same person Pab12 within 2.0 h", "同一当事人Pab12，相隔2.0小时"),
    ("same place 松林小区14号楼 within 3.5 h, same category, keyword overlap 0.50",
     "同一地点松林小区14号楼，相隔3.5小时，同一类别，关键词重合度0.50"),
    ("a reason of another shape", "a reason of another shape"),
])
def test_merge_reasons_read_in_chinese(reason: str, text: str) -> None:
    assert related.merge_reason_zh(reason) == text


def test_similarity_reason_codes_read_in_chinese() -> None:
    assert related.similar_reason_text("keywords+same_place") == "关键词相近、同一地点"
    assert related.similar_reason_text("same_place+related_category") == "同一地点、相关类别"
    assert related.similar_reason_text("unknown_rule") == "unknown_rule"
