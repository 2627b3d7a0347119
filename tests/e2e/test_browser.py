"""What a user does, in headless Chromium: charts appear, links reopen views, bad links do no harm."""
import io
import zipfile
from urllib.parse import quote, urlencode

import pandas as pd
import pytest

from dashboard.kernel.i18n import LANG_LABELS, format_value, t
from dashboard.reading.controls import metric_labels, region_labels
from dashboard.reading.sections import HEADLINE_CARDS
from dashboard.storing.queries import facts_for, funnel_facts, headline_topics
from deploy.browser import DESKTOP, PHONE, wait_for_app
from tests.conftest import bundled
from tests.e2e.helpers import (
    chart_numbers,
    chart_titles,
    expected_chart_count,
    page_text,
    query,
    wait_for_charts,
)

pytestmark = pytest.mark.e2e
DATA = bundled()
REGIONS = region_labels(DATA)
DINGHAI, ZHOUSHAN = "330902", "330900"


def open_view(page, base: str, path: str = "", **params) -> None:
    page.goto(f"{base}/{path}" + (f"?{urlencode(params)}" if params else ""))
    wait_for_app(page)


def selected(page, label: str) -> str:
    """The value shown in the sidebar selectbox with this label."""
    return page.get_by_role("combobox", name=label).input_value()


def pick_region(page, code: str) -> None:
    labels = {t("sidebar.region", "zh"), t("sidebar.region", "en")}
    page.locator(", ".join(f"input[aria-label='{label}']" for label in labels)).click()
    page.get_by_role("option", name=REGIONS[code], exact=True).click()
    wait_for_app(page)


def test_overview_metrics_equal_the_data(page, app_url):
    open_view(page, app_url)
    shown = page.locator(".qc-value").all_inner_texts()
    topics = headline_topics(DATA, ZHOUSHAN)  # the city's latest figures, topic by topic, six at most each
    assert shown == [format_value(f.value, f.qualifier, f.unit, "zh", f.unit_word)
                     for _, facts in topics for f in facts.head(HEADLINE_CARDS).itertuples()]


def test_choosing_a_district_updates_the_address_bar_and_the_charts(page, app_url):
    metric = metric_labels(DATA, "enforcement")["cases_filed"]
    open_view(page, app_url, "enforcement", metric=metric)
    wait_for_charts(page, expected_chart_count("enforcement", metric=metric))
    before = chart_numbers(page)
    assert 921 in before  # the city's funnel
    pick_region(page, DINGHAI)
    page.wait_for_function("() => !document.body.innerText.includes('921件')")
    assert query(page)["region"] == DINGHAI  # the code, not the label
    assert chart_numbers(page) != before
    assert funnel_facts(DATA, DINGHAI).empty and "未公布" in page_text(page)


def test_a_copied_link_reopens_the_same_view_in_a_fresh_browser(new_page, app_url):
    first = new_page()
    metric = metric_labels(DATA, "supervision")["towns"]
    open_view(first, app_url, "supervision", lang=LANG_LABELS["en"])
    first.get_by_role("combobox", name=t("sidebar.metric", "en")).click()
    first.get_by_role("option", name=metric, exact=True).click()
    wait_for_app(first)
    pick_region(first, DINGHAI)
    wait_for_charts(first, expected_chart_count("supervision", lang="English", region=REGIONS[DINGHAI], metric=metric))
    link, numbers, titles = first.url, chart_numbers(first), chart_titles(first)
    assert "/supervision?" in link and query(first) == {"lang": "en", "region": DINGHAI, "metric": "towns"}

    second = new_page()  # a colleague opening the shared link
    second.goto(link)
    wait_for_app(second)
    wait_for_charts(second, len(titles))
    assert second.locator("h1").first.inner_text() == t("page.supervision", "en")
    assert query(second) == query(first)
    assert selected(second, t("sidebar.region", "en")) == REGIONS[DINGHAI]
    assert selected(second, t("sidebar.metric", "en")) == metric
    assert chart_numbers(second) == numbers and chart_titles(second) == titles


def test_an_opened_sector_is_in_the_link_and_reopens_with_its_figures(new_page, app_url):
    organs = DATA.sectors.set_index("id").loc["organs"]
    expected = [format_value(f.value, f.qualifier, f.unit, "zh", f.unit_word)
                for f in facts_for(DATA, regions=[ZHOUSHAN]).itertuples() if f.sector == "organs"]
    assert expected
    first = new_page()
    open_view(first, app_url, "sectors")
    assert first.locator(".qc-value").count() == 0  # closed sectors send nothing
    first.locator("[data-testid='stExpander'] summary").filter(has_text=organs["name_zh"]).click()
    first.wait_for_function("n => document.querySelectorAll('.qc-value').length === n", arg=len(expected))
    # The address is written when the run ends, a moment after the cards arrive (a race under load).
    first.wait_for_url(lambda url: "sector=" in url, timeout=10_000)
    assert query(first)["sector"] == "organs"

    second = new_page()
    second.goto(first.url)
    wait_for_app(second)
    assert second.locator(".qc-value").all_inner_texts() == expected
    assert second.locator("[data-testid='stExpander'] details[open]").count() == 1


def test_switching_language_switches_every_title_and_label(page, app_url):
    open_view(page, app_url, "approvals")
    wait_for_charts(page, 1)
    zh_titles = chart_titles(page)
    page.locator("[data-testid='stSidebar'] label").filter(has_text="English").click()
    wait_for_app(page)
    page.wait_for_function("t => document.querySelector('h1').innerText === t", arg=t("page.approvals", "en"))
    wait_for_charts(page, len(zh_titles))
    en_titles = chart_titles(page)
    assert len(en_titles) == len(zh_titles) and not set(en_titles) & set(zh_titles)
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert all(t(f"page.{p}", "en") in nav for p in ("overview", "enforcement", "supervision", "approvals", "sectors", "data"))
    assert t("sidebar.region", "en") in page.locator("[data-testid='stSidebar']").inner_text()
    cjk = [title for title in en_titles if any("\u4e00" <= ch <= "\u9fff" for ch in title)]
    assert not cjk, cjk


def test_csv_download_holds_exactly_the_areas_rows_for_a_spreadsheet(page, app_url):
    open_view(page, app_url, "data", region=REGIONS[DINGHAI])
    with page.expect_download() as download:
        page.get_by_role("button", name=t("data.download_csv", "zh")).click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel on a Chinese Windows reads it right
    rows = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig")
    expected = facts_for(DATA, regions=[DINGHAI])
    assert sorted(rows["fact_id"]) == sorted(expected["fact_id"]) and set(rows["region_code"]) == {DINGHAI}
    assert {"period_start", "period_end", "indicator_id"} <= set(rows.columns)
    assert download.value.suggested_filename == f"qinglian_facts_{DINGHAI}.csv"


def test_zip_download_holds_the_whole_package(page, app_url):
    open_view(page, app_url, "data")
    with page.expect_download(timeout=30_000) as download:  # built only on this click (a callable)
        page.get_by_role("button", name=t("data.download_zip", "zh")).click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = set(archive.namelist())
        facts = pd.read_csv(archive.open("qinglian-data/facts.csv"), dtype=str)
    assert {f"qinglian-data/{n}.csv" for n in ("facts", "events", "sources")} | {"qinglian-data/datapackage.json"} <= names
    assert len(facts) == len(DATA.facts)
    assert download.value.suggested_filename == "qinglian_datapackage.zip"


@pytest.mark.parametrize("params,path", [
    ({"region": "999999"}, ""),
    ({"metric": "<script>alert(1)</script>"}, "enforcement"),
    ({"lang": "xx"}, ""),
    ({"region": "x" * 10_000}, "supervision"),
    ({"region": "<img src=x onerror=alert(1)>"}, ""),
], ids=["unknown-region", "script-metric", "unknown-lang", "10kB-param", "img-onerror"])
def test_bad_links_show_a_notice_and_the_default_view(page, app_url, params, path):
    page.goto(f"{app_url}/{path}?" + "&".join(f"{k}={quote(v)}" for k, v in params.items()))
    wait_for_app(page)
    page.locator("[data-testid='stAlertContentWarning']").first.wait_for(timeout=15_000)
    notices = page.locator("[data-testid='stAlertContentWarning']").all_inner_texts()
    assert len(notices) == 1 and list(params)[0] in notices[0]
    assert page.locator("script:has-text('alert(1)'), img[src='x']").count() == 0
    assert page.locator("h1").first.inner_text()  # a page rendered
    key, value = next(iter(params.items()))
    assert query(page).get(key) != value  # the address holds the default's code, not the bad value


def test_unknown_page_path_falls_back_to_the_overview(new_page, app_url):
    page = new_page(expected_console=("The page that you have requested does not seem to exist",))
    page.goto(f"{app_url}/no-such-page")
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == t("app.title", "zh")
    assert page.locator(".qc-value").count() >= 3


def test_two_browsers_with_different_filters_do_not_affect_each_other(new_page, app_url):
    alice, bob = new_page(), new_page()
    open_view(alice, app_url, "", lang=LANG_LABELS["en"], region=REGIONS[DINGHAI])
    open_view(bob, app_url)
    pick_region(bob, "330903")
    alice.reload()
    wait_for_app(alice)
    assert "Dinghai" in alice.locator("h2").first.inner_text()
    assert alice.locator("h1").first.inner_text() == t("app.title", "en")
    assert "普陀区" in bob.locator("h2").first.inner_text()
    assert bob.locator("h1").first.inner_text() == t("app.title", "zh")


def test_plotly_png_download_has_a_meaningful_name(page, app_url):
    open_view(page, app_url, "enforcement")
    wait_for_charts(page, 1)
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    with page.expect_download(timeout=30_000) as download:
        chart.locator("[data-title='Download plot as a PNG']").click()
    assert download.value.suggested_filename == "qinglian_enforcement_330900_funnel_zh.png"
    assert open(download.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"


def test_chart_titles_wrap_for_a_phone_and_run_wider_on_a_desktop(new_page, app_url):
    # Lines drawn: the title's height over its font size (17 px, about 1.3 lines of height each).
    title_lines = "() => Math.round(document.querySelector('.js-plotly-plot .gtitle').getBBox().height / 22)"
    lines = {}
    for device, options in (("phone", PHONE), ("desktop", DESKTOP)):
        page = new_page(**options)
        open_view(page, app_url, "sectors", lang=LANG_LABELS["en"])  # its one chart: a 48-column title
        wait_for_charts(page, 1)
        lines[device] = page.evaluate(title_lines)
    assert lines == {"phone": 2, "desktop": 1}


def test_a_region_without_sector_figures_shows_one_note_and_no_empty_sectors(page, app_url):
    open_view(page, app_url, "sectors", region=REGIONS["100000"], sector_organs="true")
    assert t("page.sectors", "zh") in page_text(page) and "未公布" in page_text(page)
    assert page.locator("[data-testid='stExpander']").count() == 0
    pick_region(page, ZHOUSHAN)  # the sector opened by the link is open again where there is one
    assert page.locator("[data-testid='stExpander'] details[open]").count() == 1


def test_a_link_with_codes_opens_its_view_with_no_notice(page, app_url):
    open_view(page, app_url, "enforcement", region=DINGHAI, lang="en")
    assert page.locator("h1").first.inner_text() == t("page.enforcement", "en")
    assert selected(page, t("sidebar.region", "en")) == REGIONS[DINGHAI]
    assert page.locator("[data-testid='stAlertContentWarning']").count() == 0
    assert query(page)["region"] == DINGHAI and query(page)["lang"] == "en"


def test_every_control_writes_its_code_and_the_address_reopens_the_view(new_page, app_url):
    first = new_page()
    open_view(first, app_url, "enforcement")
    first.locator("[data-testid='stSidebar'] label").filter(has_text="English").click()
    wait_for_app(first)
    pick_region(first, DINGHAI)
    first.get_by_role("combobox", name=t("sidebar.metric", "en")).click()
    first.get_by_role("option", name=metric_labels(DATA, "enforcement")["detention_cases"], exact=True).click()
    wait_for_app(first)
    first.locator("[data-testid='stMain'] label").filter(has_text=t("chart.period.year", "en")).click()
    wait_for_app(first)
    assert query(first) == {"lang": "en", "region": DINGHAI, "metric": "detention_cases", "period": "year"}
    second = new_page()
    second.goto(first.url)
    wait_for_app(second)
    assert query(second) == query(first)
    assert selected(second, t("sidebar.metric", "en")) == metric_labels(DATA, "enforcement")["detention_cases"]
    assert chart_titles(second) == chart_titles(first)


def test_an_old_label_link_opens_the_same_view_and_the_address_turns_to_codes(page, app_url):
    metric = metric_labels(DATA, "enforcement")["cases_filed"]
    open_view(page, app_url, "enforcement", lang=LANG_LABELS["en"], region=REGIONS[DINGHAI], metric=metric)
    assert page.locator("h1").first.inner_text() == t("page.enforcement", "en")
    assert selected(page, t("sidebar.region", "en")) == REGIONS[DINGHAI]
    page.wait_for_function("() => location.search.includes('region=330902')")
    assert query(page) == {"lang": "en", "region": DINGHAI, "metric": "cases_filed", "period": "month"}
    assert page.locator("[data-testid='stAlertContentWarning']").count() == 0


def test_without_lang_in_the_link_the_browser_language_chooses(new_page, app_url):
    english, chinese = new_page(locale="en-US"), new_page(locale="zh-CN")
    open_view(english, app_url)
    open_view(chinese, app_url)
    assert english.locator("h1").first.inner_text() == t("app.title", "en")
    assert chinese.locator("h1").first.inner_text() == t("app.title", "zh")
    assert query(english)["lang"] == "en"


def test_a_quote_under_a_chart_opens_its_figure_page(page, app_url):
    open_view(page, app_url, "enforcement", lang="en")
    page.locator("[data-testid='stExpander'] summary").filter(has_text=t("sources", "en")).first.click()
    target = page.locator("[data-testid='stExpander'] a").filter(has_text="立案257件").first
    href = target.get_attribute("href")
    assert href.startswith("figure?") and "lang=en" in href
    page.goto(f"{app_url}/{href}")
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "Cases filed"
    assert "257 cases" in page_text(page) and "立案257件" in page_text(page)
