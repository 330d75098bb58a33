"""docker-compose.yml parses and names the Neo4j and app services (no Docker engine runs here)."""

import yaml

from app.settings import REPO_ROOT


def test_compose_names_neo4j_and_app() -> None:
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert "healthcheck" in services["neo4j"]
    assert services["app"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["app"]["environment"]["NEO4J_URI"].startswith("bolt://neo4j")
    assert (REPO_ROOT / services["app"]["build"]["context"] / "Dockerfile").exists()
