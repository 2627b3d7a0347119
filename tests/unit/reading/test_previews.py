"""A shared link's preview, as data: every view has one, it says the view's headline figure with its period,
quote and source in the link's language, and its head tags escape everything."""
from collections import Counter
from dataclasses import replace

import pytest

from dashboard.kernel.i18n import LANGS, t
from dashboard.reading import previews
from dashboard.reading.previews import Figure, Preview, every_view, figure_preview, general_preview, head_tags, page_preview
from dashboard.reading.registry import REPORTS
from dashboard.reading.url_state import View
from dashboard.reading.urls import Urls
from dashboard.storing.queries import topic_indicators

FACT = "cases-filed-330900-2018-01-01-2018-11-30"


def test_every_report_page_area_language_and_metric_has_a_view(dataset):
    views = list(every_view(dataset))
    areas = previews.areas(dataset)
    assert {v.region for _, v in views} == set(areas) and "330900" in areas
    assert {v.lang for _, v in views} == set(LANGS)
    assert {page for page, _ in views} == {page.name for page in REPORTS}
    for page in REPORTS:
        if page.topic:
            metrics = {v.metric for p, v in views if p == page.name}
            assert metrics == {None, *topic_indicators(dataset, page.topic)["id"]}
    assert {v.period for p, v in views if p == "enforcement" and v.region == "330900"} >= {None, "month"}
    assert {v.period for p, v in views if p == "enforcement" and v.region == "100000"} == {None}  # no context chart there
    assert not [key for key, n in Counter((p, v) for p, v in views).items() if n > 1]


def test_without_metrics_a_view_per_page_area_and_language(dataset):
    views = list(every_view(dataset, metrics=False))
    assert len(views) == len(previews.areas(dataset)) * len(LANGS) * len(REPORTS)


@pytest.mark.parametrize("lang, value, period, source", [
    ("zh", "257件", "2018年1—11月", "舟山市纪委监委"),
    ("en", "257 cases", "Jan–Nov 2018", "Zhoushan Municipal Commission"),
])
def test_a_metric_view_describes_its_latest_figure_with_period_quote_and_source(dataset, lang, value, period, source):
    preview = page_preview(dataset, "enforcement", View(lang=lang, region="330900", metric="cases_filed"))
    assert preview.figure.fact_id == FACT
    for piece in (value, period, "立案257件", source):
        assert piece in preview.description
    assert preview.title.startswith(preview.figure.indicator)
    assert t("app.title", lang) in preview.title


def test_a_figure_preview_is_the_figure_with_its_quote_and_the_same_picture_as_a_view_leading_with_it(dataset):
    figure = figure_preview(dataset, FACT, "en")
    assert figure.title.startswith("Cases filed: 257 cases")
    assert "「立案257件」" in figure.description
    view = page_preview(dataset, "enforcement", View(lang="en", region="330900", metric="cases_filed"))
    assert figure.image == view.image  # one file serves both
    assert figure_preview(dataset, FACT, "zh").image != figure.image
    assert figure_preview(dataset, "no-such-figure", "en") is None


def test_an_area_without_figures_on_a_page_says_so(dataset):
    preview = page_preview(dataset, "approvals", View(lang="en", region="330902"))
    assert preview.figure is None
    assert preview.description == t("preview.none", "en", place="Dinghai District")


def test_head_tags_name_the_image_at_1200_by_630_for_every_chat_app():
    preview = general_preview("overview", "en")
    html = head_tags(preview, "https://x.org/qinglian/previews/a.png", "https://x.org/qinglian/?lang=en")
    for tag in ('<meta property="og:image" content="https://x.org/qinglian/previews/a.png">',
                '<meta property="og:image:width" content="1200">', '<meta property="og:image:height" content="630">',
                '<meta name="twitter:card" content="summary_large_image">', '<meta property="og:locale" content="en_US">',
                '<meta property="og:url" content="https://x.org/qinglian/?lang=en">',
                f"<title>{t('page.overview', 'en')} · {t('app.title', 'en')}</title>"):
        assert tag in html
    assert "\n" not in html


def test_head_tags_escape_every_value():
    hostile = '"><script>alert(1)</script>'
    figure = Figure("en", hostile, hostile, hostile, hostile, hostile)
    preview = Preview("overview", View(lang="en"), hostile, hostile, hostile, figure)
    html = head_tags(preview, 'https://x.org/a.png"><script>', 'https://x.org/?a="<b>')
    assert "<script" not in html and "<b>" not in html
    assert html.count("&lt;script&gt;") >= 8 and html.count("&quot;&gt;") >= 8
    assert html.count("<meta") == 17 and html.count("<title>") == 1  # no tag of the values' own


def test_a_views_address_is_the_share_boxs_link():
    urls = Urls("https://x.org/qinglian/", "qinglian")
    assert previews.view_address(urls, "enforcement", View(lang="en", region="330902", metric="cases_filed")) == \
        "/qinglian/enforcement?lang=en&region=330902&metric=cases_filed"
    assert previews.view_address(urls, "overview", View(lang="zh")) == "/qinglian/?lang=zh&region=330900"
    assert previews.page_path(urls, "overview") == "/qinglian/" and previews.page_path(urls, "data") == "/qinglian/data"


def test_a_changed_figure_gets_a_new_image_name(dataset):
    preview = figure_preview(dataset, FACT, "zh")
    changed = replace(preview, figure=replace(preview.figure, value="258件"))
    assert changed.image != preview.image and changed.image.endswith(".png")
