"""Counts, the heat map (GeoJSON) and the monthly situation on the samples."""

import pytest
from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.settings import Settings
from tests.auth.helpers import admin_headers, user_headers


@pytest.fixture(scope="module")
def admin(client: TestClient, settings: Settings) -> dict[str, str]:
    return admin_headers(client, settings)


def _counts(client: TestClient, headers: dict, **params: str) -> dict:
    response = client.get("/api/v1/stats/counts", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_counts_by_every_dimension_agree(client: TestClient, admin: dict) -> None:
    by_area = _counts(client, admin, by="area")
    assert {b["key"] for b in by_area["buckets"]} == {"410603", "410611", "410622"}
    assert {b["name"] for b in by_area["buckets"]} == {"山城区", "淇滨区", "淇县"}
    for by in ("category", "month"):
        assert _counts(client, admin, by=by)["total"] == by_area["total"]
    months = {b["key"]: b["count"] for b in _counts(client, admin, by="month")["buckets"]}
    assert set(months) == {"2025-03", "2025-04", "2025-05", "2025-06"}
    channels = {b["key"]: b for b in _counts(client, admin, by="channel")["buckets"]}
    assert set(channels) == {"hotline12345", "police110", "grid", "qrcode", "department"}
    assert channels["qrcode"]["count"] == 2
    assert (channels["hotline12345"]["name"], channels["grid"]["name"]) == ("12345热线", "网格上报")


def test_counts_respect_the_window_and_level(client: TestClient, admin: dict) -> None:
    may = _counts(client, admin, by="category", **{"from": "2025-05-01T00:00:00", "to": "2025-06-01T00:00:00"})
    assert may["total"] == sum(b["count"] for b in may["buckets"]) > 0
    everything = _counts(client, admin, by="category")["total"]
    assert may["total"] < everything
    grids = _counts(client, admin, by="area", level="community")
    assert all(b["key"] is None or len(b["key"]) == 12 for b in grids["buckets"])


def test_heatmap_is_geojson_with_counts(client: TestClient, admin: dict) -> None:
    for level, digits in (("community", 12), ("grid", 15)):
        body = client.get("/api/v1/stats/heatmap", params={"level": level}, headers=admin).json()
        assert body["type"] == "FeatureCollection" and body["features"]
        for feature in body["features"]:
            assert feature["type"] == "Feature" and len(feature["id"]) == digits
            assert feature["geometry"] is None or feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
            assert isinstance(feature["properties"]["count"], int)
    changfeng = next(f for f in client.get("/api/v1/stats/heatmap", headers=admin).json()["features"]
                     if f["properties"]["name"] == "长风社区")
    assert changfeng["properties"]["count"] >= 4


def test_situation_compares_with_the_month_before(client: TestClient, admin: dict) -> None:
    body = client.get("/api/v1/stats/situation", params={"month": "2025-05"}, headers=admin).json()
    assert body["month"] == "2025-05" and body["previous_month"] == "2025-04"
    assert body["total"] == sum(t["count"] for t in body["top_categories"])
    assert all(t["change"] == t["count"] - t["previous"] for t in body["top_categories"])
    assert all(t["change"] > 0 for t in body["growing_areas"])
    assert client.get("/api/v1/stats/situation", params={"month": "May"}, headers=admin).status_code == 422
    thirteenth = client.get("/api/v1/stats/situation", params={"month": "2025-13"}, headers=admin)
    assert thirteenth.status_code == 422
    assert thirteenth.json()["detail"] == "month must be a real month as YYYY-MM, not '2025-13'"


def test_a_community_user_counts_only_their_community(client: TestClient, sample_graph: Graph) -> None:
    headers = user_headers(client, sample_graph, role="staff", area="410611004005")
    body = _counts(client, headers, by="area", level="community")
    assert [b["key"] for b in body["buckets"]] == ["410611004005"]
    features = client.get("/api/v1/stats/heatmap", params={"level": "grid"}, headers=headers).json()["features"]
    assert features and all(f["id"].startswith("410611004005") for f in features)
