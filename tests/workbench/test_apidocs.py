"""`/docs` works without internet: Swagger UI's files come from this service, never from a CDN."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.workbench import apidocs, routes

ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>`)]+""")


def _deny() -> None:
    raise HTTPException(401, "login required")


class _References(HTMLParser):
    """The URLs a page loads: `src` of scripts and `href` of links."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href"}.get(tag)
        self.urls += [value for name, value in attrs if name == wanted and value]


def references(html: str) -> list[str]:
    """The script and link URLs of a page."""
    parser = _References()
    parser.feed(html)
    return parser.urls


@pytest.fixture(scope="module")
def client() -> TestClient:
    # As the service is built: an app-wide login guard, and FastAPI's own (CDN) docs pages switched off.
    app = FastAPI(title="CaseLink test", docs_url=None, redoc_url=None, dependencies=[Depends(_deny)])
    app.include_router(routes.router)
    app.include_router(apidocs.router)
    return TestClient(app)


@pytest.fixture(scope="module")
def built() -> None:
    if apidocs.assets_version() is None:
        pytest.fail("Swagger UI is not copied: run `make web` (cd web && npm ci && npm run build)")


def test_docs_page_loads_nothing_from_outside_the_service(client: TestClient, built: None) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    outside = [url for url in ABSOLUTE_URL.findall(response.text) if not url.startswith(str(client.base_url))]
    assert outside == []
    assert "validatorUrl\": null" in response.text
    urls = references(response.text)
    assert {url.split("?")[0].rsplit("/", 1)[-1] for url in urls} == {
        apidocs.SWAGGER_JS,
        apidocs.SWAGGER_CSS,
        apidocs.SWAGGER_FAVICON,
    }
    assert all(url.startswith(apidocs.SWAGGER_URL + "/") for url in urls)


def test_docs_assets_are_served(client: TestClient, built: None) -> None:
    urls = references(client.get("/docs").text)
    served = {url.split("?")[0].rsplit("/", 1)[-1]: client.get(url) for url in urls}
    assert all(response.status_code == 200 for response in served.values())
    script, style = served[apidocs.SWAGGER_JS], served[apidocs.SWAGGER_CSS]
    assert script.headers["content-type"].startswith("text/javascript")
    assert "SwaggerUIBundle" in script.text
    assert "immutable" in script.headers["cache-control"]
    assert style.headers["content-type"].startswith("text/css")
    assert served[apidocs.SWAGGER_FAVICON].headers["content-type"] == "image/png"


def test_oauth2_redirect_page_is_served(client: TestClient) -> None:
    response = client.get("/docs/oauth2-redirect")
    assert response.status_code == 200
    assert "swaggerUIRedirectOauth2" in response.text


def test_docs_page_without_the_build_says_how_to_build(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(apidocs, "SWAGGER_DIR", tmp_path)
    response = client.get("/docs")
    assert response.status_code == 503
    assert "make web" in response.text
    assert not ABSOLUTE_URL.findall(response.text)


def test_service_serves_the_local_docs_and_no_redoc(settings: Settings, built: None) -> None:
    with TestClient(create_app(settings)) as service:
        page = service.get("/docs")
        assert page.status_code == 200
        assert "cdn.jsdelivr.net" not in page.text
        assert all(service.get(url).status_code == 200 for url in references(page.text))
        assert "/api/v1/health" in service.get("/openapi.json").json()["paths"]
        assert service.get("/redoc").status_code == 404
