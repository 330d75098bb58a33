"""Shared by the API tests: an app client on the samples, users of any role and area, their tokens."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.auth import service as auth
from app.db.graph import Graph
from app.main import create_app
from app.settings import Settings

PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="module")
def client(sample_graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """The application (its lifespan run) over the graph holding the samples."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def login(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    """Authorization headers of a user logged in through the password flow."""
    response = client.post("/api/v1/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def user_headers(client: TestClient, graph: Graph, *, role: str, area: str) -> dict[str, str]:
    """Create (once) a user with this role and area and log them in."""
    username = f"{role}-{area or 'city'}"
    auth.add_user(graph=graph, username=username, password=PASSWORD, role=role, area_code=area)
    return login(client, username)


def admin_headers(client: TestClient, settings: Settings) -> dict[str, str]:
    """The bootstrap administrator, logged in."""
    return login(client, settings.caselink_admin_user, settings.caselink_admin_password)
