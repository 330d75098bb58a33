"""Intake and report routes over HTTP, as another system would call them."""

import json

from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.main import create_app
from app.settings import Settings
from tests.conftest import SAMPLES


def _client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


def _token(client: TestClient, settings: Settings) -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/token",
        data={"username": settings.caselink_admin_user, "password": settings.caselink_admin_password},
    )
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_intake_answers_per_record_and_report_is_readable(sample_graph: Graph, settings: Settings) -> None:
    body = (SAMPLES / "police110.jsonl").read_bytes()
    broken = b'{"JJDBH": "J-BAD-1", "BJSJ": "not a time", "DSR": []}\n{not json\n'
    with _client(settings) as client:
        headers = _token(client, settings)
        response = client.post("/api/v1/intake/police110", content=body + broken, headers=headers)
        assert response.status_code == 200
        result = response.json()
        statuses = [record["status"] for record in result["records"]]
        assert statuses[:4] == ["unchanged"] * 4
        assert statuses[4:] == ["quarantined", "quarantined"]
        assert "BJSJ" in result["records"][4]["reason"]
        report = client.get("/api/v1/reports/police110/J41061120250612221811003", headers=headers)
        assert report.status_code == 200
        assert report.json()["dispute"]["report_count"] == 2
        assert client.get("/api/v1/reports/police110/NOPE", headers=headers).status_code == 404
        assert client.post("/api/v1/intake/fax", content=b"x", headers=headers).status_code == 404


def test_intake_takes_a_json_array_and_a_gbk_csv(sample_graph: Graph, settings: Settings) -> None:
    array = json.dumps([
        {"eventId": "WG-API-1", "reportTime": "2025-06-01T00:20:00Z", "description": "邻居争吵"},
        {"eventId": "WG-API-2", "reportTime": "yesterday", "description": "x"},
    ], ensure_ascii=False).encode("utf-8")  # fmt: skip
    csv_body = (SAMPLES / "hotline12345.csv").read_bytes().decode("gb18030").encode("gbk")
    with _client(settings) as client:
        headers = _token(client, settings)
        grid = client.post("/api/v1/intake/grid", content=array, headers=headers | {"Content-Type": "application/json"})
        assert [(r["line"], r["status"]) for r in grid.json()["records"]] == [(1, "new"), (2, "quarantined")]
        assert grid.json()["records"][1]["reason"].startswith("reportTime: cannot read time 'yesterday'")
        csv_headers = headers | {"Content-Type": "text/csv"}
        hotline = client.post("/api/v1/intake/hotline12345", content=csv_body, headers=csv_headers)
        assert [r["status"] for r in hotline.json()["records"]] == ["unchanged"] * 4
