"""The workbench routes on their own: redirect, page, assets, no escape from static/ (no Neo4j needed)."""

import gzip

import pytest
from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient

from app.workbench import routes


def _deny() -> None:
    raise HTTPException(401, "login required")


@pytest.fixture(scope="module")
def client() -> TestClient:
    # An app-wide login guard, as the service may have: the workbench's own routes stay public.
    app = FastAPI(dependencies=[Depends(_deny)])
    app.include_router(routes.router)
    return TestClient(app)


@pytest.fixture(scope="module")
def built() -> None:
    if not routes.INDEX.is_file():
        pytest.fail("the workbench is not built: run `make web` (cd web && npm ci && npm run build)")


def test_root_redirects_to_the_workbench(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/workbench"


def test_page_is_public_html_naming_hashed_bundles(client: TestClient, built: None) -> None:
    response = client.get("/workbench")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert '<html lang="zh-CN">' in response.text
    assert "/workbench/static/dist/workbench.js?v=" in response.text
    assert "__VERSION__" not in response.text


def test_bundles_are_served_plain_and_gzipped(client: TestClient, built: None) -> None:
    plain = client.get("/workbench/static/dist/workbench.js", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert plain.headers["content-type"].startswith("text/javascript")
    assert "content-encoding" not in plain.headers
    assert plain.headers["cache-control"] == "no-cache"
    zipped = client.get("/workbench/static/dist/workbench.js?v=1", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers.get("content-encoding") == "gzip"
    assert "immutable" in zipped.headers["cache-control"]
    # httpx decodes the body; it must be the same script.
    assert zipped.content == plain.content
    raw = (routes.DIST_DIR / "workbench.js.gz").read_bytes()
    assert gzip.decompress(raw) == plain.content
    css = client.get("/workbench/static/dist/workbench.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize(
    "path",
    [
        "/workbench/static/../routes.py",
        "/workbench/static/%2e%2e/routes.py",
        "/workbench/static/dist/../../routes.py",
        "/workbench/static/dist/",
        "/workbench/static/dist/workbench.js.gz",
        "/workbench/static/dist/missing.js",
        "/workbench/static/.hidden",
    ],
)
def test_nothing_outside_the_bundles_is_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("relative", ["../routes.py", "dist/../../routes.py", "a\\b", "", "dist//x", "./dist"])
def test_resolve_asset_rejects_odd_paths(relative: str) -> None:
    assert routes.resolve_asset(relative) is None


def test_page_explains_a_missing_build(client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(routes, "INDEX", tmp_path / "index.html")
    response = client.get("/workbench")
    assert response.status_code == 503
    assert "make web" in response.text
    assert "尚未构建" in response.text
