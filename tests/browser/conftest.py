"""Browser fixtures: the built page, the real app on uvicorn, Debian's headless Chromium.

The app runs in a thread on a free loopback port with the bundled datasets loaded;
Chromium is driven by Playwright's Python API (``executable_path``, never a browser
download). Every request that does not go to the test server is blocked and recorded,
so a test can assert that the page needs nothing from outside.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from enforcegraph.api.app import create_app
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings
from enforcegraph.loaders.datasets import dataset_batch, is_dataset

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "api" / "web"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DATASETS = ("clearview", "reference-cases")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing(message: str) -> None:
    """Fail in CI (the test command installs everything); skip on a bare dev machine."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def web_dist() -> Path:
    """The page built from api/web/src by api/web/build.sh (npm ci from the lock file)."""
    if shutil.which("npm") is None:
        _missing("npm is needed to build the web page")
    subprocess.run(["sh", str(WEB / "build.sh")], check=True, capture_output=True, timeout=300)
    dist = WEB / "dist"
    assert (dist / "index.html").is_file()
    assert (dist / "static" / "vendor" / "cytoscape.min.js").is_file()
    return dist


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store with the bundled datasets."""
    store = EmbeddedStore(tmp_path_factory.mktemp("browser") / "graph.sqlite")
    for name in DATASETS:
        assert is_dataset(name), f"bundled dataset {name} is missing"
        store.upsert(dataset_batch(name))
    yield store
    store.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_url(web_dist: Path, loaded_store: EmbeddedStore) -> Iterator[str]:
    """The real app (GraphQL API and page) on uvicorn, on a free loopback port."""
    port = _free_port()
    settings = Settings(host="127.0.0.1", port=port)
    app = create_app(settings, loaded_store)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    else:
        pytest.fail("the app did not start")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright: one a module, stopped at its end,
    since Playwright's sync API keeps an event loop running on this thread until it stops
    (a later module's ``asyncio.run`` on the same pytest-xdist worker would fail)."""
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing: run scripts/install-browser.sh")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page asked of the outside world and what went wrong in it."""

    origin: str
    outside: list[str] = field(default_factory=list)
    allowed: set[str] = field(default_factory=set)
    followed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def allow_once(self, url: str) -> None:
        """Let one outside URL be answered by a local stub (to prove a link works)."""
        self.allowed.add(url)


@pytest.fixture
def artifacts() -> Path:
    """test-artifacts/ at the repo root (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def screenshot_on_failure(request: pytest.FixtureRequest, page: Any, artifacts: Path) -> Iterator[None]:
    """A failing test leaves a screenshot of its page in test-artifacts/ (modules ask for it
    with ``pytest.mark.usefixtures``)."""
    failed = request.session.testsfailed
    yield
    if request.session.testsfailed > failed:
        page[0].screenshot(path=str(artifacts / f"failed-{request.node.name}.png"), full_page=True)


@pytest.fixture
def page(browser: Any, server_url: str) -> Iterator[tuple[Any, Watch]]:
    """A fresh page with every request off the test server's origin blocked and recorded.

    Its Content-Security-Policy is bypassed: Playwright's ``wait_for_function`` evaluates
    strings in the page, which the policy forbids (``csp_page`` enforces it)."""
    yield from _watched_page(browser, server_url, bypass_csp=True)


@pytest.fixture
def csp_page(browser: Any, server_url: str) -> Iterator[tuple[Any, Watch]]:
    """As ``page``, with the server's Content-Security-Policy enforced (wait with locators,
    not ``wait_for_function``); ``window.cspViolations`` lists what the policy blocked."""
    yield from _watched_page(browser, server_url, bypass_csp=False)


WATCH_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


def _watched_page(browser: Any, server_url: str, bypass_csp: bool) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True,
                                  bypass_csp=bypass_csp)
    context.add_init_script(WATCH_CSP)
    watch = Watch(origin=server_url)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(server_url + "/") or url == server_url:
            route.continue_()
        elif url in watch.allowed:
            watch.followed.append(url)
            route.fulfill(status=200, content_type="text/html", body="<title>stub</title>offline")
        else:
            watch.outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    opened = context.new_page()
    opened.on("pageerror", lambda error: watch.errors.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda message: watch.errors.append(f"console: {message.text}")
        if message.type == "error" else None,
    )
    yield opened, watch
    context.close()
