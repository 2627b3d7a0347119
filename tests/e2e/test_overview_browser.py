"""The overview in headless Chromium: figures render, the link carries the view."""
from urllib.parse import quote

import pytest

from dashboard.data import headline_facts, read_package
from dashboard.filters import region_labels
from dashboard.i18n import format_value
from tests.conftest import PACKAGE
from tests.e2e.server import wait_for_app

pytestmark = pytest.mark.e2e
DATA = read_package(PACKAGE)


def test_overview_renders_the_figures_from_data(page, app_url):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(app_url)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    shown = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    expected = [format_value(f.value, f.qualifier, f.unit, "zh") for f in headline_facts(DATA, "330900").itertuples()]
    assert shown == expected
    assert not errors, errors


def test_link_with_english_and_district_reopens_that_view(page, app_url):
    label = region_labels(DATA)["330902"]
    page.goto(f"{app_url}/?lang=English&region={quote(label)}")
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "Qinglian Dashboard"
    assert "Dinghai" in page.locator("[data-testid='stMain']").inner_text()
    assert "region=" in page.url and "lang=English" in page.url


def test_hostile_link_shows_a_notice_and_runs_no_script(page, app_url):
    page.goto(f"{app_url}/?region={quote('<img src=x onerror=alert(1)>')}")
    wait_for_app(page)
    assert page.locator("[data-testid='stAlertContentWarning']").count() == 1
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("[data-testid='stMetricValue']").count() >= 3
