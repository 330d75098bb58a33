"""Serves the workbench: `/` redirects to `/workbench`, which answers the built `index.html`; the bundles
are under `/workbench/static/…`.

The routes are plain Starlette routes, so an app-wide login dependency does not apply to them: the page
and its assets are public, and every call the page makes to `/api/v1` carries the user's bearer token.
The bundles come from `make web` (`cd web && npm ci && npm run build`) into the git-ignored `static/dist/`.
"""

from pathlib import Path

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response

STATIC_DIR = Path(__file__).resolve().parent / "static"
DIST_DIR = STATIC_DIR / "dist"
INDEX = DIST_DIR / "index.html"
PAGE_PATH = "/workbench"
STATIC_PATH = "/workbench/static"

# Types the bundles and the page use; anything else is served as a download.
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".map": "application/json",
}
# The page names its bundles with `?v=<content hash>`: such a URL never changes content.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
# The page loads nothing from elsewhere; ECharts and Cytoscape draw on canvases and set inline styles.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>案联 · 研判工作台</title></head>
<body style="font-family: sans-serif; padding: 40px">
<h1>研判工作台尚未构建</h1>
<p>请在仓库根目录运行 <code>make web</code>
（即 <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>），然后刷新本页。</p>
<p>The workbench has not been built: run <code>make web</code>, then reload.</p>
</body></html>
"""

router = APIRouter(include_in_schema=False)


async def root(request: Request) -> Response:
    """The service's front door opens the workbench."""
    return RedirectResponse(PAGE_PATH, status_code=307)


async def page(request: Request) -> Response:
    """The single page; 503 with a Chinese hint when the bundles were not built."""
    headers = {**SECURITY_HEADERS, "Cache-Control": REVALIDATE, "Content-Security-Policy": PAGE_CSP}
    if not INDEX.is_file():
        return HTMLResponse(NOT_BUILT, status_code=503, headers=headers)
    return FileResponse(INDEX, media_type=MEDIA_TYPES[".html"], headers=headers)


def resolve_asset(relative: str) -> Path | None:
    """The file under static/ that a URL path names, or None (missing, a folder, or outside static/)."""
    if not relative or "\\" in relative or "\x00" in relative:
        return None
    parts = relative.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    candidate = (STATIC_DIR / relative).resolve()
    if not candidate.is_relative_to(STATIC_DIR) or not candidate.is_file():
        return None
    return candidate


async def asset(request: Request) -> Response:
    """A file under static/, gzip-encoded when the build left a `.gz` copy and the browser accepts it."""
    relative = request.path_params["path"]
    file = resolve_asset(relative)
    if file is None or file.suffix == ".gz":
        return Response("not found", status_code=404, media_type="text/plain; charset=utf-8")
    headers = {
        **SECURITY_HEADERS,
        "Cache-Control": IMMUTABLE if request.query_params.get("v") else REVALIDATE,
        "Vary": "Accept-Encoding",
    }
    media_type = MEDIA_TYPES.get(file.suffix, "application/octet-stream")
    gz = file.with_name(file.name + ".gz")
    if "gzip" in request.headers.get("accept-encoding", "").lower() and gz.is_file():
        headers["Content-Encoding"] = "gzip"
        return FileResponse(gz, media_type=media_type, headers=headers)
    return FileResponse(file, media_type=media_type, headers=headers)


router.add_route("/", root, methods=["GET", "HEAD"], include_in_schema=False)
router.add_route(PAGE_PATH, page, methods=["GET", "HEAD"], include_in_schema=False)
router.add_route(PAGE_PATH + "/", page, methods=["GET", "HEAD"], include_in_schema=False)
router.add_route(STATIC_PATH + "/{path:path}", asset, methods=["GET", "HEAD"], include_in_schema=False)
