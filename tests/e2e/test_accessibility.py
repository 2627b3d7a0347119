"""WCAG 2.1 A and AA in Chromium, checked by axe-core (a checker nobody here wrote), and what axe
cannot see: the page's language, its title, its headings and charts, a phone's width, and a reader
who has only a keyboard.

axe-core comes from npm (tests/e2e/audit/package.json, installed by `python3 dev.py test`). It is
injected into every page × language × desktop and phone, after every <details> (data tables,
card definitions, sectors) is opened, so hidden text is checked too.
"""
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from dashboard.kernel.i18n import t
from deploy.browser import DESKTOP, PHONE, wait_for_app
from tests.conftest import IN_CI, bundled
from tests.e2e.helpers import DRAWN_JS, VIEWS, chart_titles, expected_chart_count, query, wait_for_charts

pytestmark = pytest.mark.e2e
AXE = Path(__file__).parent / "audit" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HTML_LANG = {"zh": "zh-CN", "en": "en"}
DATA = bundled()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        if IN_CI:
            pytest.fail(f"axe-core is missing under CI=true ({AXE}): `python3 dev.py test` installs it with npm")
        pytest.skip("axe-core is not installed (python3 dev.py test runs `npm ci` in tests/e2e/audit)")
    return AXE.read_text(encoding="utf-8")


def _violations(page, axe_source: str) -> list[str]:
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    page.add_script_tag(content=axe_source)
    # resultTypes: only the violations are read, so axe need not list every node that passed.
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", WCAG)
    return [f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary'][:160]}"
            for v in result["violations"] for node in v["nodes"]]


@pytest.fixture(scope="module")
def chart_counts() -> dict[str, int]:
    """Charts the script emits for each view (AppTest runs the same script): the browser must draw them all."""
    counts = {}
    for name, path in VIEWS.items():
        page, _, params = path.partition("?")
        counts[name] = expected_chart_count(page, **dict(parse_qsl(params)))
    return counts


# What a page's layout holds, read in one go: heading levels, chart containers and the charts Plotly
# drew, error boxes, and the widths that must fit the screen.
LAYOUT_JS = f"""() => ({{
  levels: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]),
  containers: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  drawn: {DRAWN_JS},
  errors: document.querySelectorAll('[data-testid="stException"]').length,
  doc: document.documentElement.scrollWidth, win: window.innerWidth,
  main: document.querySelector('[data-testid="stMain"]').scrollWidth,
  charts: [...document.querySelectorAll('.js-plotly-plot')].map(g => g.getBoundingClientRect().right)}})"""


def _layout_problems(layout: dict, charts: int, phone: bool) -> list[str]:
    levels, problems = layout["levels"], []
    if levels.count(1) != 1 or any(b - a > 1 for a, b in zip(levels, levels[1:])):
        problems.append(f"headings {levels}: not one h1, or a skipped level")
    if not layout["containers"] == layout["drawn"] == charts or layout["errors"]:
        problems.append(f"{layout['drawn']} of {charts} charts drawn, {layout['errors']} error boxes")
    if phone and (max(layout["doc"], layout["main"], *layout["charts"]) > layout["win"] + 1):
        problems.append(f"wider than the phone: {layout}")
    return problems


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_every_view_in_both_languages_passes_axe_and_reads_on_its_device(new_page, app_url, axe_source, chart_counts,
                                                                         device):
    """One browser page per device walks every view in both languages: axe's WCAG 2.1 A/AA checks (36 in
    all), and on the same loads what axe cannot see: <html lang>, one h1 and no skipped heading level,
    every chart the script emits drawn with no error box, and on a phone nothing wider than the screen.
    Each view opens from its link in Chinese, then turns English with the sidebar's switch in the same
    session, as a reader does: half the page loads (links that open in English are opened in test_browser.py)."""
    page = new_page(**(DESKTOP if device == "desktop" else PHONE))
    found = {}
    for name, path in VIEWS.items():
        page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}lang=zh")
        for lang in ("zh", "en"):
            if lang == "en":  # a DOM click: on a phone the sidebar is closed, its switch still in the page
                page.locator("[data-testid='stSidebar'] label").filter(has_text="English").evaluate("el => el.click()")
                page.wait_for_function("() => document.documentElement.lang === 'en'")
            wait_for_app(page)
            if chart_counts[name]:
                wait_for_charts(page, chart_counts[name])
            assert page.evaluate("document.documentElement.lang") == HTML_LANG[lang], (name, lang)
            problems = _layout_problems(page.evaluate(LAYOUT_JS), chart_counts[name], device == "phone")
            if problems := problems + _violations(page, axe_source):
                found[f"{name} {lang}"] = problems
    assert not found, found


def test_the_documents_language_title_and_description_follow_the_view(page, app_url):
    page.goto(f"{app_url}/enforcement?lang=zh&region=330902")
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.title() == f"{t('page.enforcement', 'zh')} · 定海区 · {t('app.title', 'zh')}"
    description = page.evaluate("document.querySelector('meta[name=description]').content")
    assert description == t("enf.takeaway", "zh")
    page.get_by_text("English", exact=True).click()  # the language switch, in the sidebar
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    wait_for_app(page)
    assert page.title() == f"Enforcement · Dinghai District · {t('app.title', 'en')}"
    assert query(page)["lang"] == "en"


def test_every_chart_has_a_name_and_a_data_table_with_its_numbers(page, app_url):
    page.goto(f"{app_url}/enforcement?lang=en")
    wait_for_app(page)
    charts = page.locator(".stPlotlyChart")
    tables = page.locator("details.qc-table")
    assert charts.count() >= 2 and tables.count() == charts.count()
    tables.first.locator("summary").click()
    first = tables.first.locator("table")
    assert first.locator("caption").inner_text()
    cells = first.locator("td").all_inner_texts()
    assert "921 cases" in cells and "257 cases" in cells and "223 people" in cells
    assert first.locator("a").first.get_attribute("href").startswith("figure?id=")


def _tab_to(page, test_js: str, limit: int = 80) -> None:
    """Press Tab until the focused element passes `test_js` (a function of the element)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => ({test_js})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {test_js}")


def _in(label: str) -> str:
    return f"el => el.closest('[data-testid=stSelectbox]')?.innerText.includes({label!r})"


def test_keyboard_alone_changes_district_and_metric_and_opens_a_data_table(page, app_url):
    page.goto(f"{app_url}/enforcement?lang=en")
    wait_for_app(page)
    _tab_to(page, _in(t("sidebar.region", "en")))
    page.keyboard.type("Dinghai")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "region=330902" in url)
    wait_for_app(page)
    assert "Dinghai District ·" in page.locator("[data-testid=stMain]").inner_text()  # its not-reported note
    _tab_to(page, _in(t("sidebar.metric", "en")))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "metric=" in url and "metric=clues_handled" not in url)
    wait_for_app(page)
    metric = query(page)["metric"]
    label = DATA.indicators.set_index("id").at[metric, "label_en"]
    assert metric != "clues_handled" and any(label in title for title in chart_titles(page))  # the chart followed
    _tab_to(page, "el => el.tagName === 'SUMMARY' && el.closest('details.qc-table')")
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"  # a visible focus ring
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('details').open")


def test_keyboard_alone_opens_the_share_box_and_reaches_the_downloads(page, app_url):
    page.goto(f"{app_url}/data?lang=en")
    wait_for_app(page)
    _tab_to(page, "el => el.tagName === 'BUTTON' && el.innerText.includes('Share')")
    page.keyboard.press("Enter")
    page.get_by_text(t("share.help", "en")).wait_for()  # the popover with the link to copy
    page.keyboard.press("Escape")
    for label in (t("data.download_csv", "en"), t("data.download_zip", "en")):
        _tab_to(page, f"el => el.tagName === 'BUTTON' && el.innerText.includes({label!r})")
        ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert ring != "none", label
