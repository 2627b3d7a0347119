"""Shared paths and fixtures. The seed document sits in ../shared beside the clone (as in CI)."""
import os
from pathlib import Path

import pytest

from tests.e2e.helpers import BASE_PATH_PROBES
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "data" / "datapackage.json"
SEED = ROOT.parent / "shared" / "sources" / "000_da273d47f8cddc7f.txt"
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def dataset():
    from dashboard.data import read_package

    return read_package(PACKAGE)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        if IN_CI:
            pytest.fail(f"the seed document {SEED} is missing in CI")
        pytest.skip(f"the seed document {SEED} is not beside this checkout")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test: Playwright's sync API allows one live instance per thread."""
    if not os.path.exists(CHROMIUM):
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"no {CHROMIUM} on this machine")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
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


@pytest.fixture
def new_page(browser):
    """Factory: a fresh browser context (its own cookies, its own Streamlit session) per call."""
    contexts, problems = [], []

    def make(width: int = 1366, height: int = 900, expected_console: tuple = (), cookies: list | None = None, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, **options)
        if cookies:
            context.add_cookies(cookies)
        contexts.append(context)
        return _watched_page(context, problems, expected_console)

    yield make
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(new_page):
    return new_page()
