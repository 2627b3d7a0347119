"""Sections: each chart's query and figure named once, cached by Streamlit, and never changed by a reader.

The cache is shared by every session of a process, so what it hands out must be immutable, and
a figure a builder returns must be the caller's own.
"""
import dataclasses
import json

import plotly.graph_objects as go
import pytest

from dashboard.reading import charts, sections
from dashboard.reading.urls import RELATIVE
from dashboard.storing.frame_facts import FrameFacts

figure_link = RELATIVE.figure
from dashboard.storing.queries import funnel_facts

ZHOUSHAN = "330900"


def test_a_built_figure_is_the_callers_own(dataset):
    facts = funnel_facts(dataset, ZHOUSHAN)
    first = charts.build_funnel(facts, "zh", source_line="x")
    charts.frame_figure(first, title="re-titled by one caller", source_line="y", lang="zh")
    again = charts.build_funnel(facts, "zh", source_line="x")
    assert again is not first
    assert "re-titled" not in again.layout.title.text


def test_a_section_cannot_be_changed_by_whoever_receives_it(dataset):
    section = sections.funnel(dataset, ZHOUSHAN, "zh")
    with pytest.raises(dataclasses.FrozenInstanceError):
        section.figure = "{}"
    with pytest.raises(TypeError):
        section.quotes[0] = ("x", "y")  # a tuple
    drawn = charts.from_json(section.figure)  # every draw is a new figure
    drawn.update_layout(title_text="changed in one session")
    assert "changed" not in json.loads(sections.funnel(dataset, ZHOUSHAN, "zh").figure)["layout"]["title"]["text"]
    assert charts.from_json(section.figure) is not drawn


def test_a_section_is_computed_once_per_dataset_area_and_language(dataset):
    from dashboard.reading import section_cache

    first = sections.funnel(dataset, ZHOUSHAN, "zh")
    hits = section_cache.report()["cache_hits"]
    assert sections.funnel(dataset, ZHOUSHAN, "zh") == first  # each caller unpacks its own copy (#32)
    assert section_cache.report()["cache_hits"] == hits + 1  # from the cache, not made again
    assert sections.funnel(dataset, ZHOUSHAN, "en") != first


def test_another_version_of_the_data_gets_its_own_answers(dataset):
    other = dataset.with_tables(store=FrameFacts(dataset.facts[dataset.facts["indicator"] != "cases_filed"]))
    assert other.version != dataset.version
    assert not sections.funnel(dataset, ZHOUSHAN, "zh").empty
    assert sections.funnel(other, ZHOUSHAN, "zh").empty  # not the first dataset's cached funnel


def test_the_overview_previews_are_the_pages_sections_drawn_small(dataset):
    previews = dict(sections.previews(dataset, ZHOUSHAN, "zh"))
    page = sections.funnel(dataset, ZHOUSHAN, "zh")
    assert previews["enforcement"].quotes == page.quotes
    assert json.loads(previews["enforcement"].figure)["layout"]["height"] == sections.PREVIEW_HEIGHT
    assert json.loads(page.figure)["data"] == json.loads(previews["enforcement"].figure)["data"]


def test_a_section_quotes_every_figure_it_draws(dataset):
    funnel = sections.funnel(dataset, ZHOUSHAN, "en")
    facts = funnel_facts(dataset, ZHOUSHAN)
    assert funnel.count == 3 and [q for _, q, _ in funnel.quotes] == list(facts["locator"])
    for _, quote, fact_id in funnel.quotes:
        assert f"「{quote}」]({figure_link(fact_id, 'en')})" in funnel.notes  # quoted, and linked to its page


def test_an_unreported_section_is_empty_and_draws_nothing(dataset):
    section = sections.before_after(dataset, "330902", "zh")
    assert section.empty and section.figure is None and section.notes == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sections_hand_plotly_json_that_draws_as_the_builder_made_it(dataset, lang):
    section = sections.before_after(dataset, ZHOUSHAN, lang)
    figure = charts.from_json(section.figure)
    assert isinstance(figure, go.Figure) and figure.layout.xaxis.type == "log"
    assert section.filename == charts.png_filename("approvals", ZHOUSHAN, "before_after", lang)


# ---- every chart's text alternative: a name, and a table of exactly what it draws ----

def _chart_values(section) -> list[float]:
    values = []
    for trace in json.loads(section.figure)["data"]:
        for axis in ("x", "y"):
            values += [v for v in trace.get(axis) or [] if isinstance(v, (int, float))]
    return values


def test_the_funnels_table_lists_its_three_figures_as_published_with_their_pages(dataset):
    section = sections.funnel(dataset, ZHOUSHAN, "en")
    assert section.alt.startswith("Problem clues handled → Cases filed → People disciplined")
    assert section.table_head == ("Indicator", "Area", "Period", "As published")
    assert [row[3] for row in section.table] == ["921 cases", "257 cases", "223 people"]
    facts = funnel_facts(dataset, ZHOUSHAN)
    assert [row[4] for row in section.table] == [figure_link(f, "en") for f in facts["fact_id"]]


def test_before_and_after_tables_list_both_ends_of_every_pair(dataset):
    section = sections.before_after(dataset, ZHOUSHAN, "zh")
    assert len(section.table) == len(section.quotes)  # both figures of each pair, nothing else
    assert {"约3个月", "不到30分钟"} <= {row[3] for row in section.table}


def test_the_sector_matrix_table_lists_its_figures_and_its_milestones(dataset):
    section = sections.sector_matrix(dataset, ZHOUSHAN, "en")
    assert len(section.table) == section.count
    assert any("Milestones reported" in row[0] and not row[4] for row in section.table)  # events: no figure page


def test_the_coverage_table_is_the_matrix_itself(dataset):
    section = sections.coverage(dataset, ZHOUSHAN, "zh")
    assert len(section.table) == len(dataset.indicators)
    assert len(section.table_head) == 1 + len(dataset.regions)
    counted = sum(int(cell) for row in section.table for cell in row[1:-1] if cell != "—")
    assert counted == section.count == len(dataset.facts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_section_has_a_name_and_a_row_per_figure_it_draws(dataset, lang):
    drawn = [sections.funnel(dataset, ZHOUSHAN, lang), sections.offices(dataset, ZHOUSHAN, lang, "supervision_offices"),
             sections.approval_bars(dataset, ZHOUSHAN, lang, "rates"),
             *sections.metric(dataset, ZHOUSHAN, lang, "cases_filed", "enforcement"),
             sections.national_context(dataset, lang, "month")]
    for section in (s for s in drawn if s.figure):
        assert section.alt and section.table and len(section.table) == len(section.quotes), section.alt


def test_the_area_bars_source_line_names_only_the_period_they_draw(dataset):
    by_region, _ = sections.metric(dataset, "100000", "en", "cases_filed", "enforcement")
    figure = json.loads(by_region.figure)
    source = next(a["text"] for a in figure["layout"]["annotations"] if a.get("name") == "source")
    assert "udn" in source and "Zhejiang Online" not in source  # China's 2025 bar; Zhejiang has other periods only
