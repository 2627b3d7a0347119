"""The overview page in AppTest: every region, both languages, figures straight from data/."""
import re

import pandas as pd
import pytest

from dashboard.kernel.i18n import LANG_LABELS, format_period, format_value, t
from dashboard.reading import sections
from dashboard.reading.controls import region_labels
from dashboard.reading.widgets import cards_html
from dashboard.storing.queries import headline_topics
from tests.cards import cards, parse_cards
from tests.broken import copy_package
from tests.conftest import bundled

DATA = bundled()
REGIONS = list(region_labels(DATA))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("region", REGIONS)
def test_overview_shows_the_regions_figures_from_data(region, lang, open_page):
    labels = region_labels(DATA)
    at = open_page(lang=LANG_LABELS[lang], region=labels[region])
    assert not at.exception
    assert at.title[0].value == t("app.title", lang)
    topics = headline_topics(DATA, region)
    expected = pd.concat([facts.head(sections.HEADLINE_CARDS) for _, facts in topics]) if topics else pd.DataFrame()
    shown = {card.label: (card.value, card.definition, card.meta) for card in cards(at)}
    want = {getattr(f, f"label_{lang}"): (format_value(f.value, f.qualifier, f.unit, lang, f.unit_word), getattr(f, f"definition_{lang}"),
                                          format_period(f.period_start, f.period_end, lang)) for f in expected.itertuples()}
    assert shown.keys() == want.keys()
    for label, (value, definition, period) in want.items():
        assert shown[label][:2] == (value, definition)
        assert shown[label][2].startswith(f"{period} · ")  # then the source
    if expected.empty:
        assert any(t("overview.none", lang, region="").strip(":") in i.value for i in at.info)


def test_a_county_overview_shows_what_the_county_published_under_each_topic(open_page):
    """定海区 published six figures (none of them enforcement): all six show, each under its topic."""
    at = open_page(region="330902")
    assert len(cards(at)) == len(DATA.store.rows(regions=["330902"])) == 6
    markup = " ".join(h.proto.body for h in at.get("html"))
    assert re.findall(r'<p class="qc-topic"><strong>(.*?)</strong> · (.*?)</p>', markup) == [("派驻监察", "5个指标"), ("清廉单元", "1个指标")]
    city = " ".join(h.proto.body for h in open_page().get("html"))  # the city: more than six a topic, a link to the rest
    assert 'href="approvals?lang=zh&amp;region=330900"' in city


def test_default_view_is_zhoushan_in_chinese(open_page):
    at = open_page()
    assert at.sidebar.selectbox(key="region").value == "330900"
    assert at.sidebar.radio(key="lang").value == "zh"
    assert len(cards(at)) >= 3  # clues, cases, people disciplined at least


def test_headline_includes_the_2018_funnel(open_page):
    at = open_page()
    values = [card.value for card in cards(at)]
    funnel = DATA.facts[DATA.facts["period_end"] == "2018-11-30"]
    for fact in funnel.itertuples():
        assert format_value(fact.value, fact.qualifier, fact.unit, "zh", fact.unit_word) in values


@pytest.mark.parametrize("param,value", [
    ("region", "999999"),
    ("region", "<img src=x onerror=alert(1)>"),
    ("lang", "xx"),
    ("region", "x" * 10_000),
])
def test_unknown_url_values_fall_back_with_a_notice(param, value, open_page):
    at = open_page(**{param: value})
    assert not at.exception
    assert at.sidebar.selectbox(key="region").value == "330900"
    assert at.sidebar.radio(key="lang").value == "zh"
    notices = [w.value for w in at.warning]
    assert len(notices) == 1 and param in notices[0]
    assert len(notices[0]) < 200  # a long value is cut, not echoed whole


def test_language_switch_keeps_the_district(open_page):
    labels = region_labels(DATA)
    at = open_page(region=labels["330902"])
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.session_state["region"] == "330902"
    assert at.title[0].value == t("app.title", "en")
    assert at.header[0].value.startswith("Dinghai")


def test_source_notes_quote_every_figure_on_the_overview_and_name_its_publisher(open_page):
    at = open_page(region=region_labels(DATA)["330900"])
    notes, = [m.value.replace("\\", "") for expander in at.expander for m in expander.markdown]  # one list, at the end
    drawn = [section for _, section in sections.previews(DATA, "330900", "zh") if section.figure]
    assert len(drawn) == 4, "the previews draw every topic for Zhoushan"
    headline = [q for h in sections.headlines(DATA, "330900", "zh") for q in h.cards.quotes]
    quotes = [*headline, *(q for s in drawn for q in s.quotes)]
    for source, locator, fact_id in quotes:
        assert f"「{locator}」" in notes
        assert not fact_id or f"「{locator}」](figure?id=" in notes  # a figure's quote links to its page
        assert DATA.sources.set_index("id").at[source, "publisher"] in notes


def test_cards_show_text_from_data_as_text():
    hostile = ("<img src=x onerror=alert(1)>", "1 & 2 件", "<script>alert(1)</script>", "2018 · 出处: </div><b>x</b>",
               '" onclick="alert(1)')
    markup = cards_html([hostile])
    assert "<img" not in markup and "<script" not in markup and "<b>" not in markup and '" onclick' not in markup
    card, = parse_cards(markup)
    assert (card.label, card.value, card.definition, card.meta) == hostile[:4]


def test_the_default_area_with_no_figures_at_all_is_said_so_without_an_error(tmp_path, monkeypatch, open_page):
    # Seen at national scale: an area with no headline drew an empty card list (st.html refuses an empty body).
    # SYNTHETIC: a copy of the bundled package without 舟山市's own facts (the default area is always offered).
    folder = copy_package(tmp_path)
    facts = pd.read_csv(folder / "facts.csv", dtype=str, keep_default_na=False)
    facts[facts["region"] != "330900"].to_csv(folder / "facts.csv", index=False)
    monkeypatch.setenv("QINGLIAN_DATA", str(folder / "datapackage.json"))
    at = open_page(lang="en", region="330900")
    assert not at.exception, [e.value for e in at.exception]
    assert t("overview.none", "en", region="Zhoushan") in [info.value for info in at.info]
