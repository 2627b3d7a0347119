"""Real-browser fixtures: one app server and one headless Chromium for the whole session."""
import os

import pytest

from tests.e2e.helpers import BASE_PATH_PROBES
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_app

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def app_url():
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
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
    page.on("dialog", lambda dialog: problems.append(f"dialog opened: {dialog.message}"))
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

    def make(width: int = 1366, height: int = 900, expected_console: tuple = (), **options):
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, **options)
        contexts.append(context)
        return _watched_page(context, problems, expected_console)

    yield make
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(new_page):
    return new_page()
