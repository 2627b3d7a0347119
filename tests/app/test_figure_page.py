"""A page for every figure (`/figure?id=…`): value as published, definition, quote, source, references."""
import pytest

from dashboard.kernel.i18n import t
from tests.conftest import bundled

DATA = bundled()
SOURCES = DATA.sources.set_index("id")


@pytest.mark.parametrize("fact_id", list(DATA.facts["fact_id"]))
def test_every_figure_has_a_page_with_its_quote_and_source(fact_id, open_page):
    fact = DATA.facts.set_index("fact_id").loc[fact_id]
    at = open_page("figure", id=fact_id)
    assert not at.exception, [e.value for e in at.exception]
    label = DATA.indicators.set_index("id").at[fact.indicator, "label_zh"]
    assert at.title[0].value == label
    text = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert f"「{fact.locator}」" in text
    assert SOURCES.at[fact.source, "publisher"] in text and SOURCES.at[fact.source, "publisher_en"] in text
    zh, en = (c.value for c in at.code[-2:])
    assert zh.startswith(f"{SOURCES.at[fact.source, 'publisher']}. {SOURCES.at[fact.source, 'title']}[EB/OL].")
    assert en.startswith(f"{SOURCES.at[fact.source, 'publisher_en']}. ")


def test_a_figure_page_in_english_shows_the_value_as_published_and_links_its_views(open_page):
    at = open_page("figure", id="cosmetics-filing-time-before-330900-2018-12-23", lang="en")
    assert at.title[0].value == "Cosmetics filing time (before)"
    assert at.metric[0].value == "about 3 months"
    links = " ".join(m.value for m in at.markdown)
    assert "approvals?lang=en&region=330900&metric=cosmetics_filing_time_before" in links
    assert "data?lang=en&region=330900" in links


@pytest.mark.parametrize("fact_id", ["no-such-figure", "<img src=x onerror=alert(1)>", "x" * 5000])
def test_an_unknown_id_says_no_such_figure(fact_id, open_page):
    at = open_page("figure", id=fact_id, lang="en")
    assert not at.exception
    assert at.title[0].value == t("figure.missing_title", "en")
    message = at.info[0].value
    assert message.count("`") == 2 and fact_id[:20] in message  # the id echoed as code, cut when long, never markup


def test_report_an_error_appears_only_when_it_is_set_up(open_page, monkeypatch):
    fact_id = DATA.facts["fact_id"].iloc[0]
    assert not any(t("report", "zh") in m.value for m in open_page("figure", id=fact_id).markdown)
    monkeypatch.setenv("QINGLIAN_REPORT_URL", "https://example.org/issues/new")
    links = " ".join(m.value for m in open_page("figure", id=fact_id).markdown)
    assert f"[{t('report', 'zh')}](https://example.org/issues/new?title=" in links and fact_id in links


def _facts_of(has_url: bool) -> str:
    linked = SOURCES["url"].str.startswith(("https://", "http://"))
    sources = SOURCES.index[linked if has_url else ~linked]
    return DATA.facts.loc[DATA.facts["source"].isin(sources), "fact_id"].iloc[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_only_a_figure_whose_source_has_no_link_says_why_from_the_sources_row(lang, open_page):
    fact_id = _facts_of(has_url=False)
    source = SOURCES.loc[DATA.facts.set_index("fact_id").at[fact_id, "source"]]
    at = open_page("figure", id=fact_id, lang="English" if lang == "en" else "中文")
    assert not at.exception
    said = " ".join(i.value.replace("\\", "") for i in at.info)
    assert t("nolink.none", lang) in said
    assert source["retrieved"] and source["retrieved"] in said and source["text_sha256"] in said
    zh_note, _, en_note = source["note"].partition(" / ")
    assert (zh_note if lang == "zh" else en_note).strip() in said
    assert (en_note if lang == "zh" else zh_note).strip()[:12] not in said  # the note in the page's language only

    # A figure whose source has an address links it, and says nothing of the kind.
    fact_id = _facts_of(has_url=True)
    url = SOURCES.at[DATA.facts.set_index("fact_id").at[fact_id, "source"], "url"]
    linked = open_page("figure", id=fact_id, lang="English" if lang == "en" else "中文")
    assert any(f"]({url})" in m.value for m in linked.markdown)
    assert not any(t("nolink.none", lang) in i.value.replace("\\", "") for i in linked.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_figure_page_and_its_share_box_offer_the_card_to_post(lang, open_page):
    at = open_page("figure", id="cases-filed-330900-2018-01-01-2018-11-30", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels.count(t("card.download", lang)) == 2, labels  # on the page, and in the share box
    assert all(b.proto.help == t("card.help", lang) for b in buttons if b.proto.label == t("card.download", lang))
