"""The interactive API reference at `/docs`: FastAPI's Swagger UI page, with its script, stylesheet and icon
served from the workbench build instead of a CDN, so that it works on a governance centre's network without
internet. `make web` copies them from npm `swagger-ui-dist` into `static/dist/swagger-ui/`.

Like the workbench, these are plain Starlette routes: the app-wide login dependency does not apply, and the
page reads the public `/openapi.json`; "Authorize" asks for a user's password to call the API.
"""

import hashlib

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from app.workbench.routes import DIST_DIR, REVALIDATE, SECURITY_HEADERS, STATIC_PATH

DOCS_PATH = "/docs"
OAUTH2_REDIRECT_PATH = DOCS_PATH + "/oauth2-redirect"
SWAGGER_DIR = DIST_DIR / "swagger-ui"
SWAGGER_URL = STATIC_PATH + "/dist/swagger-ui"
SWAGGER_JS = "swagger-ui-bundle.js"
SWAGGER_CSS = "swagger-ui.css"
SWAGGER_FAVICON = "favicon-32x32.png"
# Swagger UI's badge would send the schema to validator.swagger.io; it has nothing to reach here.
SWAGGER_PARAMETERS = {"validatorUrl": None}
# The browser enforces what the page may load: only this service. FastAPI's page starts Swagger UI from an
# inline script; Swagger UI sets inline styles and draws its icons from data: URLs.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>CaseLink API</title></head>
<body style="font-family: sans-serif; padding: 40px">
<h1>接口文档页面尚未构建</h1>
<p>请在仓库根目录运行 <code>make web</code>，然后刷新本页；接口定义见 <a href="{openapi}">{openapi}</a>。</p>
<p>The API reference page has not been built: run <code>make web</code>, then reload.</p>
</body></html>
"""

router = APIRouter(include_in_schema=False)


def assets_version() -> str | None:
    """A tag of the copied Swagger UI build for its URLs (a new build is never served from cache); None when
    `make web` has not copied it."""
    files = [SWAGGER_DIR / SWAGGER_JS, SWAGGER_DIR / SWAGGER_CSS]
    if not all(file.is_file() for file in files):
        return None
    stamps = "|".join(f"{file.stat().st_size}:{file.stat().st_mtime_ns}" for file in files)
    return hashlib.sha256(stamps.encode()).hexdigest()[:12]


async def docs_page(request: Request) -> Response:
    """Swagger UI on the app's OpenAPI schema; 503 with a hint when the assets were not built."""
    app = request.app
    root = request.scope.get("root_path", "").rstrip("/")
    headers = {**SECURITY_HEADERS, "Cache-Control": REVALIDATE, "Content-Security-Policy": DOCS_CSP}
    version = assets_version()
    if version is None:
        return HTMLResponse(NOT_BUILT.format(openapi=root + app.openapi_url), status_code=503, headers=headers)
    base = root + SWAGGER_URL
    html = get_swagger_ui_html(
        openapi_url=root + app.openapi_url,
        title=f"{app.title} - Swagger UI",
        swagger_js_url=f"{base}/{SWAGGER_JS}?v={version}",
        swagger_css_url=f"{base}/{SWAGGER_CSS}?v={version}",
        swagger_favicon_url=f"{base}/{SWAGGER_FAVICON}?v={version}",
        oauth2_redirect_url=root + OAUTH2_REDIRECT_PATH,
        init_oauth=app.swagger_ui_init_oauth,
        swagger_ui_parameters={**SWAGGER_PARAMETERS, **(app.swagger_ui_parameters or {})},
    )
    html.headers.update(headers)
    return html


async def oauth2_redirect(request: Request) -> Response:
    """The page Swagger UI's OAuth2 flows return to, as FastAPI's default docs serve it."""
    return get_swagger_ui_oauth2_redirect_html()


router.add_route(DOCS_PATH, docs_page, methods=["GET", "HEAD"], include_in_schema=False)
router.add_route(OAUTH2_REDIRECT_PATH, oauth2_redirect, methods=["GET", "HEAD"], include_in_schema=False)
