"""The frame skips Plotly's validation when it serves a chart (#32: a third of a district change at national
scale), so here every framed chart of the bundled package is validated: Plotly must accept it unchanged."""
import json

import plotly.graph_objects as go
import pytest

from dashboard.reading import chart_frame, sections
from dashboard.storing.queries import NATIONAL

ZHOUSHAN, DINGHAI = "330900", "330902"


def charts_of(ds, region, lang):
    drawn = [sections.funnel(ds, region, lang), sections.offices(ds, region, lang, "supervision_offices"),
             sections.before_after(ds, region, lang), sections.sector_matrix(ds, region, lang),
             sections.coverage(ds, region, lang), *(section for _, section in sections.previews(ds, region, lang)),
             *(sections.national_context(ds, lang, kind) for kind in sections.national_periods(ds, region)),
             sections.national_years(ds, lang, "cases_filed")]
    return [section.figure for section in drawn if section.figure]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("region", [ZHOUSHAN, DINGHAI, NATIONAL])
def test_every_framed_chart_is_one_plotly_accepts_unchanged(dataset, region, lang):
    specs = charts_of(dataset, region, lang)
    assert specs, "the bundled package draws charts for this area"
    for spec in specs:
        for figure in (chart_frame.from_json(spec), chart_frame.refit(chart_frame.from_json(spec), "wide")):
            served = figure.to_plotly_json()
            validated = go.Figure(json.loads(json.dumps(served, default=str))).to_plotly_json()
            assert json.dumps(validated, sort_keys=True, default=str) == json.dumps(served, sort_keys=True, default=str)


def test_a_wrong_layout_key_would_be_caught_by_that_check():
    figure = chart_frame.frame_figure(go.Figure(go.Bar(x=[1], y=["a"])), title="t", source_line="s", lang="zh")
    spec = figure.to_plotly_json()
    spec["layout"]["titel"] = "typo"
    with pytest.raises(ValueError):
        go.Figure(spec)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("region", [ZHOUSHAN, DINGHAI, NATIONAL])
def test_every_chart_keeps_a_plot_area_whatever_its_title_and_sources(dataset, region, lang):
    # The monthly series, read from a dozen reprints, once listed every one under its chart and left its plot
    # 19 px high: Plotly drew no plot at all in the browser.
    for spec in charts_of(dataset, region, lang):
        for figure in (chart_frame.from_json(spec), chart_frame.refit(chart_frame.from_json(spec), "wide")):
            layout = figure.layout
            least = chart_frame.ROW_PX if layout.meta["frame"]["rows"] is not None else chart_frame.MIN_PLOT_PX
            assert layout.height - layout.margin.t - layout.margin.b >= least, layout.title.text


def test_a_long_source_line_grows_the_chart_not_squeezes_its_plot():
    sources = "; ".join(f"Synthetic Daily {n} (2020-01-0{n})" for n in range(1, 25))
    figure = chart_frame.frame_figure(go.Figure(go.Scatter(x=[1, 2], y=[1, 2])), title="t", source_line=sources, lang="en")
    assert figure.layout.height > 360
    assert figure.layout.height - figure.layout.margin.t - figure.layout.margin.b == chart_frame.MIN_PLOT_PX
