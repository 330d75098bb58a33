"""The workbench in headless Chromium (Debian's, driven by Playwright) against the service on the samples.

Chromium comes from apt when /usr/bin/chromium is missing; Playwright never downloads a browser.
Screenshots go to var/screenshots/.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.db.graph import Graph
from app.settings import REPO_ROOT, Settings
from app.workbench import routes

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PERSON = "牛建军"
NOTICE = "TSH-2024-1207"


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    result = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return bool(result.stdout.strip())


def _apt_install(packages: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:  # the package lists may be missing or stale on a fresh machine
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, text=True, check=False)
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return result


def ensure_chromium() -> Path:
    """Debian's Chromium, installed through apt when missing (with a CJK font for readable screenshots)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if not shutil.which("apt-get"):
        pytest.skip("Chromium is not at /usr/bin/chromium and apt-get is unavailable to install it")
    packages = ["chromium"] + ([] if _has_cjk_font() else ["fonts-wqy-microhei"])
    result = _apt_install(packages)
    if not CHROMIUM.exists():
        pytest.fail(f"`apt-get install -y chromium` did not provide {CHROMIUM}:\n{result.stderr[-2000:]}")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def built() -> None:
    """The bundles of `make web`; built here when missing and npm is available."""
    if routes.INDEX.is_file():
        return
    npm = shutil.which("npm")
    if not npm:
        pytest.fail("the workbench is not built and npm is missing: install Node.js and run `make web`")
    web = REPO_ROOT / "web"
    for command in ([npm, "ci", "--no-audit", "--no-fund"], [npm, "run", "build"]):
        subprocess.run(command, cwd=web, check=True)


@pytest.fixture(scope="module")
def base_url(settings: Settings, sample_graph: Graph, built: None) -> Iterator[str]:
    """The service on a free local port, in a thread, against the test Neo4j holding the samples."""
    import uvicorn

    from app.main import create_app

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="workbench-uvicorn", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the service did not start")
        time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Headless Debian Chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with tempfile.TemporaryDirectory(prefix="caselink-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(executable),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1440, "height": 900},
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser) -> Iterator:
    """A new tab; fails the test on a script error of the page."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert not errors, f"script errors in the page: {errors}"


def log_in(page, base_url: str, settings: Settings) -> None:
    page.goto(base_url + "/")
    page.fill("#login-username", settings.caselink_admin_user)
    page.fill("#login-password", settings.caselink_admin_password)
    page.click("#login-submit")
    page.wait_for_selector("#search-input")


def test_login_page_is_served_and_reports_health(page, base_url: str) -> None:
    response = page.goto(base_url + "/")
    assert response is not None and response.ok
    assert page.url == base_url + "/workbench"
    assert page.title() == "案联 · 研判工作台"
    page.wait_for_function("() => !document.querySelector('#health').textContent.includes('正在检查')", timeout=60_000)
    assert "服务运行正常" in page.inner_text("#health")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "login.png"))


def test_wrong_password_is_refused_in_chinese(page, base_url: str, settings: Settings) -> None:
    page.goto(base_url + "/workbench")
    page.fill("#login-username", settings.caselink_admin_user)
    page.fill("#login-password", "not-the-password")
    page.click("#login-submit")
    page.wait_for_function("() => document.querySelector('#login-error').textContent.length > 0")
    assert "用户名或密码错误" in page.inner_text("#login-error")
    assert page.evaluate("() => sessionStorage.getItem('caselink.token')") is None


def test_an_invalid_token_returns_to_login(page, base_url: str) -> None:
    page.goto(base_url + "/workbench")
    page.evaluate("() => sessionStorage.setItem('caselink.token', 'forged')")
    page.reload()
    # The first authenticated call (who am I, or any other) is refused: the login screen comes back.
    page.wait_for_selector("#login-form")
    page.wait_for_function("() => document.querySelector('#login-error').textContent.includes('重新登录')")
    assert page.evaluate("() => sessionStorage.getItem('caselink.token')") is None


def his_warning_id(base_url: str, token: str) -> str:
    """The open warning whose evidence holds the notice about him (found through the API)."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url + "/api/v1", headers=headers, timeout=30) as api:
        board = api.get("/warnings", params={"status": "open", "size": 200})
        board.raise_for_status()
        candidates = []
        for item in board.json()["items"]:
            detail = api.get(f"/warnings/{item['id']}")
            detail.raise_for_status()
            keys = {evidence.get("node_key") for evidence in detail.json().get("evidence", [])}
            if NOTICE in keys:
                candidates.append(item)
    assert candidates, f"no open warning has the notice {NOTICE} as evidence"
    candidates.sort(key=lambda item: item.get("target_label") != "Person")
    return candidates[0]["id"]


def test_investigator_flow(page, base_url: str, settings: Settings) -> None:
    log_in(page, base_url, settings)
    assert page.evaluate("() => sessionStorage.getItem('caselink.token')")

    # Search him and open his node: his neighbourhood is drawn and his details are shown.
    page.fill("#search-input", PERSON)
    page.click("#search-submit")
    hit = page.locator('.search-hit[data-label="Person"]', has_text=PERSON).first
    hit.click()
    page.wait_for_function("() => window.__cy && window.__cy.nodes(':selected').length === 1")
    assert PERSON in page.inner_text("#node-details")

    # Expand his graph two hops by double-clicking his node on the canvas.
    page.select_option("#graph-hops", "2")
    point = page.evaluate(
        """() => {
            const node = window.__cy.nodes(':selected')[0];
            const box = window.__cy.container().getBoundingClientRect();
            const at = node.renderedPosition();
            return {x: box.left + at.x, y: box.top + at.y};
        }"""
    )
    page.mouse.dblclick(point["x"], point["y"])
    page.wait_for_function("() => document.querySelector('#graph-status').textContent.includes('已展开')")
    nodes = page.evaluate("() => window.__cy.nodes().length")
    labels = set(page.evaluate("() => window.__cy.nodes().map(n => n.data('kind'))"))
    assert nodes > 3, f"only {nodes} nodes drawn"
    assert "Dispute" in labels
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "workbench.png"))

    # The warning board in four colours; his warning shows the notice as evidence.
    page.click("#nav-warnings")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.board .count')].every(c => c.textContent !== '…')"
    )
    assert page.locator(".board .column").count() == 4
    warning_id = his_warning_id(base_url, page.evaluate("() => sessionStorage.getItem('caselink.token')"))
    card = page.locator(f'.warning-card[data-id="{warning_id}"]')
    card.scroll_into_view_if_needed()
    card.click()
    page.wait_for_selector("#warning-evidence")
    evidence = page.inner_text("#warning-evidence")
    assert NOTICE in evidence
    page.screenshot(path=str(SCREENSHOTS / "warnings.png"))

    # From the warning back to the graph: its target is opened on the canvas.
    page.click("#btn-warning-target")
    page.wait_for_function("() => !document.querySelector('#view-graph').hidden")
    assert page.evaluate("() => window.__cy.nodes().length") > 3


def test_record_text_is_never_markup(page, base_url: str, settings: Settings) -> None:
    """A search for markup comes back as text: the page builds no element from it."""
    log_in(page, base_url, settings)
    page.fill("#search-input", '<img src=x onerror="window.__pwned=1">')
    page.click("#search-submit")
    page.wait_for_function("() => !document.querySelector('#search-results').hidden && "
                           "!document.querySelector('#search-results').textContent.includes('搜索中')")
    assert page.locator("#search-results img").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_case_view_reads_in_chinese(page, base_url: str, settings: Settings) -> None:
    """Status, flags and merge reasons of a case are shown in Chinese, not as the API's codes."""
    log_in(page, base_url, settings)
    token = page.evaluate("() => sessionStorage.getItem('caselink.token')")
    with httpx.Client(base_url=base_url + "/api/v1", headers={"Authorization": f"Bearer {token}"}) as api:
        report = api.get("/reports/hotline12345/HB12345-20250507-000123").json()
    dispute_id = report["dispute"]["id"]
    page.goto(f"{base_url}/workbench#/dispute/{dispute_id}")
    page.wait_for_selector("#related-list")
    body = page.inner_text("#dispute-body")
    assert "待处置" in body and "\nopen\n" not in f"\n{body}\n"
    related = page.inner_text("#dispute-related")
    assert "first report" not in related and " within " not in related
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dispute.png"))


def test_api_reference_renders_offline(page, base_url: str) -> None:
    """`/docs` draws the API's operations with every request outside the service refused (no internet)."""
    outside: list[str] = []
    console_errors: list[str] = []

    def refuse(route) -> None:
        outside.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(base_url), refuse)
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() > 10
    assert outside == []
    assert console_errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"))
