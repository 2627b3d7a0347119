"""Titles and sources fit whatever the width: a desktop window made narrow (a tablet's split view) keeps
every chart's title clear of the chart toolbar and its source line inside the chart; on a phone the
folded filters say what they are."""
import pytest

from deploy.browser import PHONE, wait_for_app
from tests.e2e.helpers import expected_chart_count, wait_for_charts

pytestmark = pytest.mark.e2e

BOXES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const svg = gd.querySelector('.main-svg');
    return {title: box(gd.querySelector('.gtitle')), source: box(gd.querySelector('.annotation[data-index] text, .annotation text')),
            chart: box(svg), tools: [...gd.querySelectorAll('.modebar-btn')].map(box)};
})"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("path", ["approvals", "enforcement"])
def test_in_a_narrow_desktop_window_titles_clear_the_toolbar_and_sources_fit(new_page, app_url, path):
    page = new_page(width=800, height=900)  # the narrowest window that keeps the sidebar open
    page.goto(f"{app_url}/{path}?lang=en")
    wait_for_app(page)
    wait_for_charts(page, expected_chart_count(path, lang="en"))
    page.mouse.move(400, 400)  # a pointer over the page, as a reader's: Plotly shows its toolbar on hover
    for chart in page.evaluate(BOXES_JS):
        assert not any(overlaps(chart["title"], tool) for tool in chart["tools"]), chart
        assert chart["source"][2] <= chart["chart"][2] + 1, f"source line cut at the right edge: {chart}"


def test_on_a_phone_the_folded_filters_are_labelled(new_page, app_url):
    page = new_page(**{k: v for k, v in PHONE.items() if k != "viewport"}, width=390, height=844)
    for lang, label in (("zh", "筛选地区与指标"), ("en", "Filters")):
        page.goto(f"{app_url}/enforcement?lang={lang}")
        wait_for_app(page)
        shown = page.evaluate("""() => getComputedStyle(document.querySelector('[data-testid="stExpandSidebarButton"]'),
                                 '::after').content""")
        assert shown == f'"{label}"'
