"""Every subject page in AppTest: each region × both languages, figures equal to data/."""
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.kernel.i18n import LANG_LABELS, format_value, t
from dashboard.reading.controls import metric_labels, region_labels
from dashboard.reading.labels import milestones
from dashboard.reading.registry import REPORTS
from dashboard.storing.queries import area_regions, facts_for, funnel_facts, sector_facts_and_events
from tests.cards import cards
from tests.conftest import PACKAGE, bundled

DATA = bundled()
REGIONS = region_labels(DATA)
SUBJECT_PAGES = [page.name for page in REPORTS if page.url_path]


def chart_values(at: AppTest) -> list:
    """Every number drawn by the page's Plotly charts (bars, funnels, lines, markers)."""
    import json

    values = []
    for element in at.get("plotly_chart"):
        for trace in json.loads(element.proto.spec)["data"]:
            values += [v for v in trace.get("x", []) + trace.get("y", []) if isinstance(v, (int, float))]
    return values


def address(at: AppTest) -> dict[str, list[str]]:
    """The address bar's query after the run, every value as a list."""
    return {key: value if isinstance(value, list) else [value] for key, value in at.query_params.items()}


def chart_text(at: AppTest) -> str:
    import json

    return " ".join(json.dumps(json.loads(e.proto.spec), ensure_ascii=False) for e in at.get("plotly_chart"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("region", list(REGIONS))
@pytest.mark.parametrize("page", SUBJECT_PAGES)
def test_page_renders_for_every_region_and_language(page, region, lang, open_page):
    at = open_page(page, lang=LANG_LABELS[lang], region=REGIONS[region])
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t(f"page.{page}", lang)
    said_not_reported = any(t("not_reported", lang) in i.value for i in at.info)
    assert len(at.get("plotly_chart")) >= 1 or said_not_reported


@pytest.mark.parametrize("region", list(REGIONS))
def test_enforcement_funnel_draws_the_published_figures(region, open_page):
    at = open_page("enforcement", region=REGIONS[region])
    funnel = funnel_facts(DATA, region)
    drawn = chart_values(at)
    for value in funnel["value"]:
        assert value in drawn
    if funnel.empty:
        assert any("未公布" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sections_an_area_has_not_reported_are_named_in_one_note_without_empty_headings(lang, open_page):
    at = open_page("approvals", lang=LANG_LABELS[lang], region=REGIONS["330902"])
    sections = [t(key, lang) for key in ("apr.before_after", "apr.factors", "apr.rates")]
    notes = [i.value for i in at.info if t("not_reported", lang) in i.value]
    assert len(notes) == 1 and all(section in notes[0] for section in sections)
    assert not any(section in h.value for h in at.header for section in sections)
    city = open_page("approvals", lang=LANG_LABELS[lang], region=REGIONS["330900"])
    assert not city.info and sum(section in h.value for h in city.header for section in sections) == 3


def test_supervision_shows_the_city_total_and_marks_counties_not_reported(open_page):
    at = open_page("supervision")
    offices = facts_for(DATA, indicators=["supervision_offices"], regions=["330900"])["value"].iloc[0]
    assert offices in chart_values(at)
    assert "未公布" in chart_text(at)
    for county in area_regions(DATA, "330900")["code"][1:]:
        assert facts_for(DATA, indicators=["supervision_offices"], regions=[county]).empty


def test_approvals_show_qualified_wording(open_page):
    at = open_page("approvals", lang="English")
    text = chart_text(at)
    assert "about 3 months" in text and "under 30 minutes" in text


def test_every_metric_of_a_page_can_be_opened_by_url(open_page):
    for page in ("enforcement", "supervision", "approvals", "sectors"):
        topic = page
        for indicator, label in list(metric_labels(DATA, topic).items())[:4]:
            at = open_page(page, metric=label)
            assert not at.exception
            assert at.session_state["metric"] == indicator


def test_unknown_metric_falls_back_with_a_notice(open_page):
    at = open_page("enforcement", metric="<script>alert(1)</script>")
    assert not at.exception
    assert at.session_state["metric"] == next(iter(metric_labels(DATA, "enforcement")))
    assert any("metric=" in w.value for w in at.warning)


def test_data_page_table_holds_the_areas_facts_and_its_neighbours_when_asked(open_page):
    at = open_page("data", region=REGIONS["330900"])
    at = at.toggle(key="data_nearby").set_value(True).run()
    table = at.dataframe[0].value
    expected = facts_for(DATA, regions=area_regions(DATA, "330900")["code"])
    assert sorted(table["fact_id"]) == sorted(expected["fact_id"])
    shown = dict(zip(table["fact_id"], table["as_published"]))
    for fact in expected.itertuples():
        assert shown[fact.fact_id] == format_value(fact.value, fact.qualifier, fact.unit, "zh", fact.unit_word)


def test_data_page_table_holds_the_selected_areas_own_figures_newest_first(open_page):
    at = open_page("data", region=REGIONS["330902"])
    table = at.dataframe[0].value
    own = facts_for(DATA, regions=["330902"])
    assert len(table) == len(own) > 0
    assert set(table["region_code"]) == {"330902"} and set(table["region"]) == {"定海区"}
    assert table["period_end"].tolist() == sorted(table["period_end"], reverse=True)
    assert table["period_end"].iloc[0] == own["period_end"].max().date().isoformat()


def test_data_page_filters_by_indicator_and_by_year(open_page):
    at = open_page("data", region=REGIONS["330900"], lang="English")
    every = at.dataframe[0].value
    indicator = every["indicator_id"].iloc[-1]
    at = at.selectbox(key="data_indicator").set_value(indicator).run()
    assert set(at.dataframe[0].value["indicator_id"]) == {indicator}
    at = at.selectbox(key="data_indicator").set_value("").run()
    year = 2018
    at = at.selectbox(key="data_year").set_value(year).run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < len(every)
    assert all(s[:4] <= str(year) <= e[:4] for s, e in zip(shown["period_start"], shown["period_end"]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_page_states_the_packages_licence_by_its_downloads(lang, open_page):
    licence = json.loads(PACKAGE.read_text(encoding="utf-8"))["licenses"][0]
    at = open_page("data", lang=LANG_LABELS[lang])
    text = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert f"{licence['title']} ({licence['name']})]({licence['path']})" in text
    assert t("data.licence", lang, licence="\0").split("\0")[0] in text  # said in the page's language


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_page_tables_read_in_the_language_with_the_row_id_last_and_no_none(lang, open_page):
    import json

    at = open_page("data", lang=LANG_LABELS[lang])
    facts, sources = at.dataframe[0], at.dataframe[1]
    assert list(facts.proto.column_order)[-1] == "fact_id"
    headers = {c: json.loads(facts.proto.columns)[c]["label"] for c in facts.proto.column_order}  # the shown ones
    assert headers["fact_id"] == t("col.fact_id", lang) and headers["indicator"] == t("col.indicator", lang)
    dates = sources.value["date"].tolist()
    undated = DATA.sources["date"].isna()
    assert undated.any() and all(d == t("not_dated", lang) for d, u in zip(dates, undated) if u)
    assert all(d == day.date().isoformat() for d, day, u in zip(dates, DATA.sources["date"], undated) if not u)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_coverage_matrix_names_how_many_sources_and_points_to_the_list(lang, open_page):
    at = open_page("data", lang=LANG_LABELS[lang])
    assert t("data.coverage_sources", lang, sources=len(DATA.sources)) in chart_text(at)
    titles = at.dataframe[1].value["title"].tolist()  # the list it points to, titles in English too on English pages
    assert [title.split(" (")[0] if lang == "en" else title for title in titles] == DATA.sources["title"].tolist()


def test_sectors_open_by_url_with_their_figures_milestones_and_sources(open_page):
    facts, events = sector_facts_and_events(DATA, "330900")
    closed = open_page("sectors")
    # Closed sectors are titled with what they hold, and send none of it (lazy, bound expanders).
    assert [e.label for e in closed.expander if e.label.startswith(tuple(DATA.sectors["name_zh"]))]
    assert cards(closed) == []
    for sector in DATA.sectors.itertuples():
        own_facts, own_events = facts[facts["sector"] == sector.id], events[events["sector"] == sector.id]
        at = open_page("sectors", sector=sector.id)
        assert not at.exception
        assert at.session_state[f"sector_{sector.id}"] is True
        shown = cards(at)
        assert [c.value for c in shown] == [format_value(f.value, f.qualifier, f.unit, "zh", f.unit_word)
                                            for f in own_facts.itertuples()]
        text = " ".join(m.value.replace("\\", "") for m in at.markdown)
        for event in own_events.itertuples():
            assert event.title_zh.replace("\\", "") in text
        for locator in pd.concat([own_facts["locator"], own_events["locator"]]):
            assert locator in text
        if own_facts.empty and own_events.empty:
            assert any("未公布" in e.label for e in at.expander)


@pytest.mark.parametrize("lang, reported", [("zh", "截至2018年12月报道"), ("en", "Reported by Dec 2018")])
def test_milestones_carry_a_date_only_when_the_source_gives_one(lang, reported):
    events = DATA.events[DATA.events["region"] == "330900"]
    lines = dict(zip(events["event_id"], milestones(events, lang)))
    for event in events.itertuples():
        when, _, title = lines[event.event_id].partition(" · ")
        assert title.replace("\\", "") == getattr(event, f"title_{lang}")
        if event.date_precision == "reported":  # undated: the report's date must not read as a start date
            assert when == reported
        else:
            assert when.startswith(str(event.date.year)) and "报道" not in when and "Reported" not in when
    assert {"reported", "year", "month"} <= set(events["date_precision"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_link_with_codes_opens_its_view_and_the_address_keeps_codes(lang, open_page):
    at = open_page("enforcement", lang=lang, region="330902", metric="detention_cases")
    assert not at.exception and not at.warning
    assert at.title[0].value == t("page.enforcement", lang)
    assert (at.session_state["region"], at.session_state["metric"]) == ("330902", "detention_cases")
    assert address(at)["region"] == ["330902"] and address(at)["lang"] == [lang]


def test_an_old_label_link_is_rewritten_with_codes(open_page):
    at = open_page("enforcement", lang="English", region=REGIONS["330902"],
                   metric=metric_labels(DATA, "enforcement")["cases_filed"])
    assert not at.warning
    assert {key: address(at)[key] for key in ("lang", "region", "metric")} == {
        "lang": ["en"], "region": ["330902"], "metric": ["cases_filed"]}


@pytest.mark.parametrize("period, kinds", [(None, {"month"}), ("year", {"year"}), ("year_to_date", {"year_to_date"})])
def test_the_national_context_chart_draws_one_kind_of_period(period, kinds, open_page):
    from dashboard.storing.queries import national_eight_point

    at = open_page("enforcement", **({"period": period} if period else {}))
    national = json.loads(at.get("plotly_chart")[1].proto.spec)  # after the funnel
    drawn = {v for trace in national["data"] for v in trace.get("y", []) if isinstance(v, (int, float))}
    facts = national_eight_point(DATA)
    assert drawn == set(facts.loc[facts["period_kind"].isin(kinds), "value"])
    assert address(at)["period"] == [period or "month"]


def test_english_pages_name_publishers_in_english(open_page):
    at = open_page("enforcement", lang="en")
    notes = " ".join(m.value.replace("\\", "") for e in at.expander for m in e.markdown)
    assert "Zhoushan Municipal Commission for Discipline Inspection and Supervision" in notes
    assert "our translation" in notes
    assert "Zhoushan Municipal Commission" in chart_text(at)  # the chart's source line


def test_chart_notes_link_each_quote_to_its_figure_page_and_offer_a_report_when_set_up(open_page, monkeypatch):
    monkeypatch.setenv("QINGLIAN_REPORT_URL", "mailto:data@example.org")
    at = open_page("enforcement")
    notes = " ".join(m.value for e in at.expander for m in e.markdown)
    assert "(figure?id=cases-filed-330900-2018-01-01-2018-11-30&lang=zh)" in notes
    assert "(mailto:data@example.org?subject=" in notes and "cases-filed-330900-2018-01-01-2018-11-30" in notes


def test_sectors_open_by_their_codes(open_page):
    at = open_page("sectors", sector=["organs", "schools"])
    assert at.session_state["sector_organs"] is True and at.session_state["sector_schools"] is True
    assert address(at)["sector"] == ["organs", "schools"]


CJK = re.compile(r"[\u4e00-\u9fff]")
# Designed to stay Chinese on an English page: the language switch (中文 / English) is read by both.
DESIGNED = {"语言 / Language", "中文"}


@pytest.mark.parametrize("page", ["overview", "enforcement", "supervision", "approvals", "sectors", "data"])
def test_an_english_page_has_no_chinese_fragments_in_our_own_words(page, open_page):
    """Our labels, notices, table summaries and 'not reported' follow the page's language. (A quote, a
    source's Chinese name or a curator's note is data, shown as published: not checked here.)"""
    at = open_page(page, lang="en", region="330902")
    ours = [*(i.value for i in at.info), *(c.value for c in at.caption), *(h.value for h in at.header),
            *(h.value for h in at.title), *(e.label for e in at.expander),
            *(re.findall(r"<summary>(.*?)</summary>", " ".join(x.proto.body for x in at.get("html"))))]
    place_names = set(DATA.regions["name_zh"])
    fragments = [text for text in ours if CJK.search(text) and text not in DESIGNED
                 and not any(name in text for name in place_names)]
    assert not fragments, fragments
