"""Login, bearer tokens, the login requirement on every route, disabled users, the user CLI."""

import re
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.auth import service as auth
from app.db.graph import Graph
from app.settings import Settings
from tests.auth.helpers import PASSWORD, admin_headers, login, user_headers

PUBLIC = {("GET", "/api/v1/health"), ("POST", "/api/v1/auth/token")}


def _routes(client: TestClient) -> list[tuple[str, str]]:
    """Every (method, path) of the application's API."""
    paths = client.app.openapi()["paths"]
    return [(method.upper(), path) for path, ops in paths.items() for method in ops]


def test_login_issues_a_bearer_token(client: TestClient, settings: Settings) -> None:
    form = {"username": settings.caselink_admin_user, "password": settings.caselink_admin_password}
    response = client.post("/api/v1/auth/token", data=form)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.caselink_token_minutes * 60
    claims = jwt.decode(body["access_token"], settings.caselink_secret_key, algorithms=["HS256"])
    assert claims["sub"] == settings.caselink_admin_user
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["role"] == "admin" and me.json()["scope"] == "" and me.json()["sees_identifiers"]


def test_wrong_password_and_unknown_user_are_401(client: TestClient, settings: Settings) -> None:
    for username, password in ((settings.caselink_admin_user, "wrong"), ("nobody", "whatever")):
        response = client.post("/api/v1/auth/token", data={"username": username, "password": password})
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["detail"] == "incorrect username or password"


def test_every_route_but_health_and_login_needs_a_token(client: TestClient) -> None:
    routes = _routes(client)
    assert len(routes) > 20
    for method, path in routes:
        url = re.sub(r"\{[^}]+\}", "x", path)
        response = client.request(method, url)
        if (method, path) in PUBLIC:
            assert response.status_code != 401, (method, path)
            continue
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.headers.get("www-authenticate") == "Bearer", (method, path)


def test_bad_and_expired_tokens_are_401(client: TestClient, settings: Settings) -> None:
    expired = jwt.encode({"sub": settings.caselink_admin_user, "exp": datetime.now(UTC) - timedelta(minutes=1)},
                         settings.caselink_secret_key, algorithm="HS256")
    forged = jwt.encode({"sub": settings.caselink_admin_user, "exp": datetime.now(UTC) + timedelta(minutes=5)},
                        "not-the-key-but-as-long-as-a-real-one", algorithm="HS256")
    ghost = auth.issue_token(settings=settings, username="ghost").access_token
    for token in (expired, forged, ghost, "garbage"):
        response = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, token
        assert response.headers["www-authenticate"] == "Bearer"


def test_a_disabled_user_is_refused(client: TestClient, sample_graph: Graph) -> None:
    headers = user_headers(client, sample_graph, role="analyst", area="410611")
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    assert auth.disable_user(graph=sample_graph, username="analyst-410611")
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 403
    response = client.post("/api/v1/auth/token", data={"username": "analyst-410611", "password": PASSWORD})
    assert response.status_code == 403


def test_role_and_area_come_from_the_user_node(client: TestClient, sample_graph: Graph) -> None:
    headers = user_headers(client, sample_graph, role="grid_worker", area="410611004005")
    me = client.get("/api/v1/auth/me", headers=headers).json()
    assert me == {**me, "role": "grid_worker", "area_code": "410611004005", "scope": "410611004005",
                  "sees_identifiers": False}


def test_bootstrap_admin_follows_the_configured_password(sample_graph: Graph, settings: Settings,
                                                          client: TestClient) -> None:
    changed = settings.model_copy(update={"caselink_admin_password": "rotated-password-1"})
    auth.ensure_bootstrap_admin(graph=sample_graph, settings=changed)
    assert login(client, settings.caselink_admin_user, "rotated-password-1")
    auth.ensure_bootstrap_admin(graph=sample_graph, settings=settings)
    assert admin_headers(client, settings)


@pytest.mark.parametrize(("role", "area", "problem"), [
    ("chief", "410603", "role"), ("analyst", "", "only an admin"), ("analyst", "4106x", "area code"),
])
def test_users_are_validated(role: str, area: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        auth.validate_new_user(username="someone", role=role, area_code=area)


def test_user_cli_adds_lists_and_disables(sample_graph: Graph, settings: Settings,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from app import cli

    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    runner = CliRunner()
    added = runner.invoke(cli.app, ["user", "add", "cli-staff", "--role", "staff", "--area", "410603",
                                    "--password", PASSWORD])
    assert added.exit_code == 0, added.output
    again = runner.invoke(cli.app, ["user", "add", "cli-staff", "--role", "staff", "--area", "410603",
                                    "--password", PASSWORD])
    assert again.exit_code == 1 and "exists" in again.output
    listed = runner.invoke(cli.app, ["user", "list"])
    assert listed.exit_code == 0 and "cli-staff" in listed.output
    disabled = runner.invoke(cli.app, ["user", "disable", "cli-staff"])
    assert disabled.exit_code == 0
    assert next(u for u in auth.list_users(graph=sample_graph) if u.username == "cli-staff").disabled


def test_user_cli_refuses_an_area_that_is_not_loaded(sample_graph: Graph, settings: Settings,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from app import cli

    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    typo = CliRunner().invoke(cli.app, ["user", "add", "cli-typo", "--role", "analyst", "--area", "999999",
                                        "--password", PASSWORD])
    assert typo.exit_code == 1 and "no area 999999" in typo.output
    assert "Traceback" not in typo.output
    assert not any(u.username == "cli-typo" for u in auth.list_users(graph=sample_graph))
