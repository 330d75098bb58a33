"""Roles × jurisdictions × endpoints: no case outside a user's area reaches them, anywhere.

Besides the samples, one police record puts 李秀兰 (山城区) into a dispute in 淇滨区 世悦社区 with 钱多多, who
shares 赵国强's phone: persons and phones now link the two districts, which is what graph expansion must not
cross.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.settings import Settings
from tests.auth.helpers import admin_headers, user_headers

SCOPES = ("410603", "410611", "410611004005")
ROLES = ("investigator", "analyst", "staff", "grid_worker")
CROSS_DISTRICT = {
    "JJDBH": "J41061120250520100000009", "BJSJ": "20250520100000", "BJRXM": "李秀兰",
    "BJRZJHM": "410603196605184224", "BJDH": "13803921234", "SFDZ": "淇滨区天山路街道世悦社区建业世悦府小区2号楼",
    "XZQH": "410611", "JD": None, "WD": None, "JQLBMC": "纠纷-邻里纠纷",
    "BJNR": "报警人称在女儿家小住期间与楼下住户因晾晒衣物滴水发生口角，对方言语辱骂。",
    "CJDW": "淇滨区公安分局天山派出所", "CJJG": "",
    "DSR": [{"XM": "李秀兰", "ZJHM": "410603196605184224", "LXDH": "13803921234", "SF": "报警人", "QKBS": "0"},
            {"XM": "钱多多", "ZJHM": "", "LXDH": "13703928877", "SF": "对方当事人", "QKBS": "0"}],
}
SEARCHES = ("李秀兰", "13803921234", "13703928877", "钱多多", "赵国强", "尚雪梅", "漏水", "长风小区", "世悦府",
            "AJ4106")


@dataclass
class Oracle:
    """What exists, and where: read once as administrator."""

    disputes: dict[str, dict] = field(default_factory=dict)
    reports: dict[str, dict] = field(default_factory=dict)
    persons: dict[str, dict] = field(default_factory=dict)
    identifiers: set[str] = field(default_factory=set)

    def visible(self, area_codes: list[str], scope: str) -> bool:
        """Whether anything with these area codes lies in the jurisdiction."""
        return any(code.startswith(scope) for code in area_codes)

    def forbidden(self, scope: str) -> set[str]:
        """Strings that must never appear in an answer to a user of this scope."""
        tokens: set[str] = set()
        for d in self.disputes.values():
            if not self.visible(d["area_codes"], scope):
                tokens |= {d["key"], d["code"]}
        for r in self.reports.values():
            if not self.visible(r["area_codes"], scope):
                tokens |= {r["key"], r["source_id"]}
        for p in self.persons.values():
            if not self.visible(p["area_codes"], scope):
                tokens.add(p["key"])
        return tokens


@pytest.fixture(scope="module")
def oracle(client: TestClient, sample_graph: Graph, settings: Settings) -> Oracle:
    admin = admin_headers(client, settings)
    response = client.post("/api/v1/intake/police110", headers={**admin, "content-type": "application/x-ndjson"},
                           content=json.dumps(CROSS_DISTRICT, ensure_ascii=False).encode())
    assert response.status_code == 200 and response.json()["counts"]["new"] == 1, response.text
    found = Oracle()
    for row in sample_graph.read("list_case_keys", scope="", limit=10_000):
        {"Dispute": found.disputes, "Report": found.reports, "Person": found.persons}[row["label"]][row["key"]] = row
    for pid in found.persons:
        profile = client.get(f"/api/v1/persons/{pid}", headers=admin).json()
        found.identifiers |= set(profile["id_numbers"]) | {p for p in profile["phones"] if len(p) >= 7}
    li = next(p for p in found.persons.values() if p["code"] == "李秀兰")
    assert {code[:6] for code in li["area_codes"]} == {"410603", "410611"}, "李秀兰 now spans two districts"
    return found


def _pid(oracle: Oracle, name: str) -> str:
    return next(p["key"] for p in oracle.persons.values() if p["code"] == name)


def _requests(oracle: Oracle) -> Iterator[str]:
    """Every URL a user may try: lists, search, graph, related, timelines, stats, for every id that exists."""
    yield from (f"/api/v1/search?q={q}" for q in SEARCHES)
    for dispute_id in oracle.disputes:
        yield f"/api/v1/disputes/{dispute_id}/related"
        yield f"/api/v1/disputes/{dispute_id}/elements-graph"
        yield f"/api/v1/graph/neighbourhood?node=Dispute:{dispute_id}&hops=3"
    for report in oracle.reports.values():
        yield f"/api/v1/reports/{report['code']}/{report['source_id']}/related"
    for pid in oracle.persons:
        yield f"/api/v1/persons/{pid}"
        yield f"/api/v1/persons/{pid}/timeline"
        yield f"/api/v1/graph/neighbourhood?node=Person:{pid}&hops=3&limit=500"
        yield f"/api/v1/graph/communities?node=Person:{pid}"
        yield f"/api/v1/graph/export.graphml?node=Person:{pid}&hops=3"
    for a, b in (("李秀兰", "赵国强"), ("李秀兰", "钱多多"), ("尚雪梅", "牛建军"), ("钱多多", "赵国强")):
        yield f"/api/v1/graph/path?from=Person:{_pid(oracle, a)}&to=Person:{_pid(oracle, b)}"
    for code in ("410603", "410603002003", "410611", "410611004005", "410622"):
        yield f"/api/v1/areas/{code}/timeline"
    for by in ("area", "category", "channel", "month"):
        yield f"/api/v1/stats/counts?by={by}"
    yield "/api/v1/stats/counts?by=area&level=grid"
    yield from ("/api/v1/stats/heatmap?level=grid", "/api/v1/stats/heatmap?level=community")
    yield from ("/api/v1/stats/situation?month=2025-05", "/api/v1/stats/situation?month=2025-06")


def _other_requests(oracle: Oracle) -> Iterator[str]:
    """The case views of the warnings and disputes packages, held to the same rule."""
    yield "/api/v1/warnings"
    for dispute_id in oracle.disputes:
        yield f"/api/v1/disputes/{dispute_id}"
        yield f"/api/v1/detect/similar/{dispute_id}"


def _area_codes(value: Any) -> Iterator[str]:
    """Every `area_code` in a JSON answer."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "area_code" and isinstance(item, str):
                yield item
            else:
                yield from _area_codes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _area_codes(item)


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("role", ROLES)
def test_nothing_outside_the_jurisdiction_reaches_the_user(client: TestClient, sample_graph: Graph, oracle: Oracle,
                                                           role: str, scope: str) -> None:
    answered = _check_answers(client, user_headers(client, sample_graph, role=role, area=scope), oracle, scope,
                              masked=role != "investigator", urls=_requests(oracle))
    assert answered > 20


@pytest.mark.parametrize("scope", SCOPES)
def test_warning_and_dispute_views_keep_to_the_jurisdiction(client: TestClient, sample_graph: Graph,
                                                            oracle: Oracle, scope: str) -> None:
    headers = user_headers(client, sample_graph, role="analyst", area=scope)
    assert _check_answers(client, headers, oracle, scope, masked=True, urls=_other_requests(oracle)) > 0


def _check_answers(client: TestClient, headers: dict[str, str], oracle: Oracle, scope: str, *, masked: bool,
                   urls: Iterator[str]) -> int:
    """Call every URL; no answer may name a case or person outside the scope, or an unmasked identifier."""
    forbidden = oracle.forbidden(scope)
    answered = 0
    for url in urls:
        response = client.get(url, headers=headers)
        assert response.status_code in (200, 404), (url, response.status_code, response.text[:300])
        if response.status_code == 404:
            continue
        answered += 1
        text = response.text
        leaks = sorted(token for token in forbidden if token in text)
        assert not leaks, (url, leaks)
        if response.headers["content-type"].startswith("application/json"):
            outside = [c for c in _area_codes(response.json()) if c and not c.startswith(scope)]
            assert not outside, (url, outside)
        if masked:
            shown = sorted(i for i in oracle.identifiers if i in text)
            assert not shown, (url, shown)
    return answered


@pytest.mark.parametrize("scope", SCOPES)
def test_out_of_scope_ids_are_404_like_unknown_ones(client: TestClient, sample_graph: Graph, oracle: Oracle,
                                                    scope: str) -> None:
    headers = user_headers(client, sample_graph, role="investigator", area=scope)
    hidden = [d for d, row in oracle.disputes.items() if not oracle.visible(row["area_codes"], scope)]
    shown = [d for d, row in oracle.disputes.items() if oracle.visible(row["area_codes"], scope)]
    hidden_persons = [p for p, row in oracle.persons.items() if not oracle.visible(row["area_codes"], scope)]
    assert hidden and shown and hidden_persons
    templates = (
        "/api/v1/disputes/{}/related", "/api/v1/disputes/{}/elements-graph",
        "/api/v1/graph/neighbourhood?node=Dispute:{}", "/api/v1/disputes/{}",
    )
    for template in templates:
        unknown = client.get(template.format("D-unknown"), headers=headers)
        assert unknown.status_code == 404
        for dispute_id in hidden:
            response = client.get(template.format(dispute_id), headers=headers)
            assert response.status_code == 404, (template, dispute_id)
            assert response.json() == json.loads(unknown.text.replace("D-unknown", dispute_id)), template
    for template in ("/api/v1/persons/{}", "/api/v1/persons/{}/timeline", "/api/v1/graph/neighbourhood?node=Person:{}"):
        unknown = client.get(template.format("P-unknown"), headers=headers)
        for pid in hidden_persons:
            response = client.get(template.format(pid), headers=headers)
            assert response.status_code == 404
            assert response.json() == json.loads(unknown.text.replace("P-unknown", pid))
    for report in oracle.reports.values():
        if not oracle.visible(report["area_codes"], scope):
            url = f"/api/v1/reports/{report['code']}/{report['source_id']}"
            assert client.get(url, headers=headers).status_code == 404
            assert client.get(f"{url}/related", headers=headers).status_code == 404


def test_a_person_across_districts_shows_only_the_visible_side(client: TestClient, sample_graph: Graph,
                                                               oracle: Oracle) -> None:
    li = _pid(oracle, "李秀兰")
    for scope in SCOPES:
        headers = user_headers(client, sample_graph, role="investigator", area=scope)
        profile = client.get(f"/api/v1/persons/{li}", headers=headers).json()
        areas = {d["dispute"]["area_code"] for d in profile["disputes"]}
        assert areas and all(a.startswith(scope) for a in areas), (scope, areas)
        linked = {p["name"] for p in profile["linked_persons"]}
        assert ("赵国强" in linked) == scope.startswith("410603"), (scope, linked)
        assert ("钱多多" in linked) == scope.startswith("410611"), (scope, linked)
    admin_view = client.get(f"/api/v1/persons/{li}", headers=user_headers(client, sample_graph, role="admin",
                                                                            area="")).json()
    assert {d["dispute"]["area_code"][:6] for d in admin_view["disputes"]} == {"410603", "410611"}


def test_counts_add_up_to_the_visible_disputes(client: TestClient, sample_graph: Graph, oracle: Oracle) -> None:
    for scope in SCOPES:
        headers = user_headers(client, sample_graph, role="staff", area=scope)
        expected = sum(oracle.visible(d["area_codes"], scope) for d in oracle.disputes.values())
        for by in ("area", "category", "month"):
            body = client.get("/api/v1/stats/counts", params={"by": by}, headers=headers).json()
            assert body["total"] == expected, (scope, by)
        features = client.get("/api/v1/stats/heatmap", params={"level": "community"}, headers=headers).json()
        assert all(re.match(scope[:12], f["id"]) or f["id"].startswith(scope) for f in features["features"])
