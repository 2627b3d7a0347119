"""What the browser tests read off a page: chart data, errors, the address bar."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from dashboard.kernel.i18n import t
from dashboard.reading.registry import PAGES
from deploy.browser import wait_for_app
from tests.conftest import open_app

BY_PATH = {page.url_path: page.name for page in PAGES}  # '' (the overview), 'enforcement', … 'add', 'figure'
# One view of every page a reader can reach, for the accessibility checks (axe in the tests, Lighthouse's report).
VIEWS = {"overview": "", "enforcement": "enforcement", "supervision": "supervision", "approvals": "approvals",
         "sectors": "sectors?sector=organs", "data": "data", "add": "add",
         "figure": "figure?id=cases-filed-330900-2018-01-01-2018-11-30", "changes": "changes"}


# Charts Plotly has drawn (each draws three .main-svg layers, so count the plots that hold one).
DRAWN_JS = "[...document.querySelectorAll('.js-plotly-plot')].filter(g => g.querySelector('.main-svg')).length"


def wait_for_charts(page, count: int, timeout_ms: int = 30_000) -> None:
    page.wait_for_function(f"n => {DRAWN_JS} >= n", arg=count, timeout=timeout_ms)


def chart_data(page) -> list[list[dict]]:
    """Per chart, its traces' type and x/y/text as Plotly holds them in the page."""
    # _fullData holds decoded arrays (Plotly may ship numbers base64-encoded in gd.data).
    return page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => gd._fullData.map(t => ({
        type: t.type, x: t.x ? Array.from(t.x) : [], y: t.y ? Array.from(t.y) : [],
        text: t.text ? [].concat(t.text).map(String) : []})))""")


def chart_numbers(page) -> list[float]:
    return sorted(v for chart in chart_data(page) for trace in chart for v in trace["x"] + trace["y"]
                  if isinstance(v, (int, float)))


def expected_chart_count(path: str, **params) -> int:
    """How many Plotly charts the script emits for this view (AppTest runs the same script); `path` is a
    page's url path ('' for the overview, 'enforcement', 'figure', …)."""
    return len(open_app(BY_PATH[path], **params).get("plotly_chart"))


def query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def page_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def chart_titles(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .gtitle')].map(e => e.textContent)")


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def extract_on_add(page, lang: str, source: dict[str, str], day: str) -> None:
    """On /add with the text already given: fill the source (label key → value, e.g. 'add.title'),
    the date, then extract, and wait for the review table."""
    for key, value in source.items():
        page.get_by_label(t(key, lang), exact=True).fill(value)
        page.get_by_label(t(key, lang), exact=True).press("Enter")
    date = page.locator("[data-testid='stDateInput'] input")
    date.fill(day)
    date.press("Enter")
    page.keyboard.press("Escape")  # the calendar popup
    wait_for_app(page)
    page.get_by_role("button", name=t("add.extract", lang)).click()
    page.wait_for_selector("[data-testid='stDataFrameResizable']", timeout=30_000)
    wait_for_app(page)
