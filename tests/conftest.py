"""Shared paths and fixtures for the three layers: unit/ (one folder per dashboard wing, whole-project checks at its top), app/ (AppTest), e2e/ (Chromium, nginx).

Real parts the tests start themselves (Chromium, nginx) are skipped with one reason on a machine
without them, and never under CI=true, where their absence fails the run. `python3 dev.py test`
installs them when it runs as root (see dev.py).
"""
import collections
import contextlib
import functools
import os
import re
import shutil
import socket
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from dashboard.reading.registry import BY_NAME
from deploy.browser import CHROMIUM, launch

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
PACKAGE = ROOT / "data" / "datapackage.json"
# The seed bulletin is not ours to copy into the repository: it sits in ../shared beside the clone (as in CI).
SEED = ROOT.parent / "shared" / "sources" / "000_da273d47f8cddc7f.txt"
IN_CI = os.environ.get("CI", "").lower() == "true"
# Streamlit's frontend first looks for its server under the page's own path, then under the
# root; those probes answer 404 by design and are not errors of this app.
BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")
# `dev.py test` gives its workers whole files, in this order: the longest first (measured in a whole run at
# -n 3 on 2026-12-08: test_accessibility 210 s, test_browser 179, test_editing 128, test_add_browser 78, then
# 66-41 s each), so no worker is left running a long file alone at the end; short files fill the gaps.
LONGEST_FIRST = ("test_accessibility.py", "test_browser.py", "test_editing.py", "test_add_browser.py",
                 "test_deploy_proxy.py", "test_deploy_headers.py", "test_store_faults.py", "test_database.py",
                 "test_hostile_browser.py", "test_deploy_floods.py", "test_versions.py", "test_edit_pages.py",
                 "test_add_page.py", "test_deploy_limits.py")


# Every new AppTest scans the metadata of every installed distribution for Streamlit components (about
# 0.1 s of CPU, two thirds of a short page's run): the packages cannot change during a test run, so
# scan once per process. Streamlit offers no setting for it; its manager imports this name at each call.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


def pytest_configure(config):
    # pytest-xdist (3.6+) reorders whole files by their number of tests unless told not to: that put the
    # 261 quick figure pages first and the six long accessibility walks near the end, on one worker alone.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items):
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file keeps its own order


def require(path: str | None, what: str) -> None:
    """Skip without `what` on a developer's machine; fail under CI, where .ci/run must provide it."""
    if path and os.path.exists(path):
        return
    if IN_CI:
        pytest.fail(f"{what} is missing under CI=true: `python3 dev.py test` installs it as root")
    pytest.skip(f"no {what} on this machine (as root, `python3 dev.py test` installs it)")


def open_app(page: str = "overview", **params) -> AppTest:
    """A new session (AppTest) opened on `page` with the link's query parameters."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    if BY_NAME[page].url_path:  # straight to the page, as a link opens it
        at.switch_page(BY_NAME[page].file)
    return at.run()


@pytest.fixture(scope="session")
def open_page():
    return open_app


@functools.cache
def bundled():
    """The bundled package, read once per test process and shared: tests read it, never change it."""
    from dashboard.storing.package import read_package

    return read_package(PACKAGE)


@pytest.fixture(scope="session")
def dataset():
    return bundled()


@pytest.fixture
def smaller_package(tmp_path) -> Path:
    """SYNTHETIC, for the test that asks: the bundled package less its last fact (a version a reader can tell apart)."""
    folder = tmp_path / "package"
    shutil.copytree(PACKAGE.parent, folder)
    facts = (folder / "facts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "facts.csv").write_text("".join(facts[:-1]), encoding="utf-8")
    return folder / "datapackage.json"


@pytest.fixture(scope="session")
def stores(request, tmp_path_factory) -> dict[str, str]:
    """QINGLIAN_STORE settings holding the bundled package: as files, in DuckDB, in a real PostgreSQL
    (started here; skipped off CI without Debian's postgresql, failed under CI=true)."""
    from dashboard.publish import publish

    duckdb = f"duckdb:///{tmp_path_factory.mktemp('duckdb') / 'qinglian.duckdb'}"
    publish(PACKAGE, duckdb)
    server = request.getfixturevalue("postgres_server")
    url = server.url(db=fresh_database(server))
    publish(PACKAGE, url)
    return {"package": str(PACKAGE), "duckdb": duckdb, "postgresql": url}


@pytest.fixture(scope="session")
def postgres_server():
    """One real PostgreSQL per test process (Debian's package, on a loopback port): each test or module takes
    a database of its own from it (fresh_database), rather than paying for an initdb of its own."""
    from deploy import postgres

    require(postgres.BIN, "PostgreSQL (Debian's postgresql package)")
    with postgres.running_postgres() as server:
        yield server


def fresh_database(server) -> str:
    """A new, empty database on `server`: its name."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    server.execute(f'CREATE DATABASE "{name}"', db="postgres")
    return name


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():  # a public clone: nothing to check the quotes against, and that is no error
        pytest.skip(f"the seed bulletin is not beside this clone ({SEED.relative_to(ROOT.parent)})")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nginx() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    require(found, "nginx")
    return found


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test: Playwright's sync API allows one live instance per thread.
    Pages of one site in one context share a renderer process (--process-per-site), so a test's page in a
    warm context (new_page) starts in a process that has Streamlit's and Plotly's code compiled already:
    measured, 2.2 s of Chromium's CPU for a page instead of 4.4 (5-6 in a new context), half the suite's."""
    require(CHROMIUM, f"Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, ["--process-per-site"])
        yield browser
        browser.close()


def _watched_page(context, problems: list, expected_console: tuple = ()):
    page = context.new_page()
    # Any alert/confirm/prompt means script from a URL or data ran: fail loudly.
    page.on("dialog", lambda dialog: (problems.append(f"dialog opened: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda m: problems.append(f"console error: {m.text}")
            if m.type == "error" and not m.text.startswith(("Failed to load resource", *expected_console)) else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith(BASE_PATH_PROBES) else None)
    return page


# Two readers in one test (a link shared, two sessions side by side) are common; a fresh context compiles
# Streamlit's and Plotly's code again (about 3 s of Chromium's CPU), so a worker keeps two per set of options.
WARM_READERS = 2


@pytest.fixture(scope="session")
def warm_contexts(browser) -> dict:
    """The worker's browser contexts, by the options they were made with: (context, the page keeping its renderer)."""
    return {}


def _warm_context(browser, warm: dict, key: str, options: dict):
    """The worker's context for these options, its cookies cleared: a returning reader's browser (its HTTP
    cache and compiled code kept) with nothing of an earlier test's session in it."""
    if key not in warm:
        context = browser.new_context(**options)
        warm[key] = (context, context.new_page())
    context, _ = warm[key]
    context.clear_cookies()
    return context


@pytest.fixture
def new_page(browser, warm_contexts):
    """Factory: a page with its own Streamlit session per call, each in a browser context of its own: a second
    reader is another browser. A test's first WARM_READERS pages with given options open in warm contexts with
    no other cookies than `cookies` (_warm_context); any further page in a fresh context."""
    contexts, pages, problems, used = [], [], [], collections.Counter()

    def make(width: int = 1366, height: int = 900, expected_console: tuple = (), cookies: list | None = None, **options):
        options.setdefault("viewport", {"width": width, "height": height})
        options.setdefault("locale", "zh-CN")  # a Chinese reader unless a test says otherwise: links without lang follow it
        options["accept_downloads"] = True
        # Streamlit's transitions (a rerun's fading elements, expanders opening) are frames Chromium draws on
        # the CPU; a reader who asks for reduced motion gets none. Measured on the desktop accessibility walk
        # without axe: 22-25 s of Chromium's CPU, 19-20 s with it; the whole suite 8:47 -> 8:06 (2026-12-08).
        options.setdefault("reduced_motion", "reduce")
        key = repr(sorted(options.items()))
        if used[key] >= WARM_READERS:
            context = browser.new_context(**options)
            contexts.append(context)
        else:
            context = _warm_context(browser, warm_contexts, f"{key} #{used[key]}", options)
        used[key] += 1
        if cookies:
            context.add_cookies(cookies)
        pages.append(page := _watched_page(context, problems, expected_console))
        return page

    yield make
    for context, keeper in warm_contexts.values():
        _keep_renderer(keeper, [page for page in pages if page.context == context])
    for page in pages:
        page.close()
    for context in contexts:
        context.close()
    problems = [problem for problem in problems if not _fetch_from_a_stopped_server(problem)]
    assert not problems, problems


def _fetch_from_a_stopped_server(problem: str) -> bool:
    """A test that starts its own server (running_app) stops it before this fixture closes the test's pages, so
    a chunk Streamlit was still loading lazily (st.html's, for one) fails to fetch: the test's shutdown, not the
    app's fault. Only when the chunk's server refuses connections now; a chunk missing from a live server is
    still a problem (and its 404 is reported on its own)."""
    found = re.search(r"Failed to fetch dynamically imported module: (\S+)", problem)
    if not found:
        return False
    address = urlsplit(found[1])
    try:
        socket.create_connection((address.hostname, address.port or 80), timeout=2).close()
    except ConnectionRefusedError:
        return True
    except OSError:
        pass
    return False


def _keep_renderer(keeper, pages: list) -> None:
    """Before a test's pages close, open a small page of their site in the context's keeper page: the site's
    renderer process (and the code it compiled) lives on for the next test instead of ending with them."""
    sites = {urlsplit(page.url)[:2] for page in pages if page.url.startswith("http")}
    if sites and urlsplit(keeper.url)[:2] not in sites:
        scheme, netloc = sites.pop()
        with contextlib.suppress(Exception):  # a server already stopped: the next test compiles again, no more
            keeper.goto(f"{scheme}://{netloc}/_stcore/health", timeout=5_000)


@pytest.fixture
def page(new_page):
    return new_page()
