"""GET /api/v1/health reports the real Neo4j's version and store counts."""

from fastapi.testclient import TestClient

from app.db.graph import Graph
from app.main import create_app
from app.settings import Settings


def test_health_reports_neo4j_version(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j_version"].startswith("5.26")
    assert set(body["counts"]) >= {"Dispute", "Report", "Person"}


def test_openapi_docs_are_served(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/docs").status_code == 200
        assert "/api/v1/health" in client.get("/openapi.json").json()["paths"]


def _operators(plan: dict) -> list[str]:
    return [plan["operatorType"], *(op for child in plan.get("children", []) for op in _operators(child))]


def test_health_counts_come_from_the_count_store(graph: Graph) -> None:
    """No label scan: the health answer stays instant on a province-sized graph."""
    with graph.driver.session(database=graph.database) as session:
        plan = session.run("EXPLAIN " + graph.catalog["count_store_nodes"]).consume().plan
    operators = _operators(plan)
    assert operators.count("NodeCountFromCountStore@neo4j") == 7
    assert not [op for op in operators if "Scan" in op]
