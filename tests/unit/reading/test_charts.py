"""The figure builders: right traces and values, both languages, qualifiers and 'not reported' visible.

Most tests build small, clearly synthetic DataFrames here; a few pin figures of the real package.
"""
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.kernel.i18n import t
from dashboard.reading import chart_frame, charts
from dashboard.storing.queries import before_after_pairs, coverage_table, funnel_facts

SOURCE = "synthetic-source"


def fact(indicator, value, unit, *, qualifier="exact", region="330900", start="2018-01-01", end="2018-11-30",
         zh=None, en=None, sector=""):
    """One synthetic labelled fact, shaped like a row of data.facts_with_labels."""
    return dict(fact_id=f"{indicator}-{region}-{end}", indicator=indicator, region=region, sector=sector,
                period_start=pd.Timestamp(start), period_end=pd.Timestamp(end), value=float(value),
                qualifier=qualifier, unit=unit, source=SOURCE, locator="synthetic",
                label_zh=zh or f"{indicator}中文", label_en=en or f"{indicator} (en)")


def frame(*rows):
    return pd.DataFrame(list(rows))


REGIONS = pd.DataFrame({"code": ["330900", "330902", "330903"],
                        "name_zh": ["甲市", "乙区", "丙区"], "name_en": ["City A", "District B", "District C"]})
FUNNEL = frame(fact("clues", 900, "case", qualifier="approx", zh="线索", en="Clues"),
               fact("cases", 250, "case", zh="立案", en="Cases filed"),
               fact("people", 20, "problem", qualifier="more_than", zh="处分", en="People"))
PAIRS = pd.DataFrame({
    "measure_label": ["甲事项", "乙事项"],
    "before_value": [3.0, 5.0], "before_unit": ["month", "working_day"], "before_qualifier": ["approx", "exact"],
    "after_value": [30.0, 2.0], "after_unit": ["minute", "working_day"], "after_qualifier": ["less_than", "exact"],
    "period_end": [pd.Timestamp("2018-12-23")] * 2, "source": [SOURCE] * 2,
})
SECTORS = pd.DataFrame({"id": ["organs", "schools", "culture"], "name_zh": ["机关", "学校", "文化"],
                        "name_en": ["Organs", "Schools", "Culture"]})


def source_notes(fig):
    return [a.text for a in fig.layout.annotations if a.name == "source"]


def only(fig, trace_type, **match):
    found = [tr for tr in fig.data if tr.type == trace_type and all(getattr(tr, k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one {trace_type} trace {match}, found {len(found)}"
    return found[0]


# ---- the frame ----

@pytest.mark.parametrize("lang, prefix", [("zh", "出处: "), ("en", "Source: ")])
def test_frame_puts_the_source_line_at_the_bottom_left(lang, prefix):
    fig = charts.frame_figure(go.Figure(go.Bar(x=[1], y=[1])), title="T", subtitle="S",
                              source_line="Synthetic Daily", lang=lang)
    note = next(a for a in fig.layout.annotations if a.name == "source")
    assert note.text == f"{prefix}Synthetic Daily"
    assert (note.xref, note.yref, note.x, note.xanchor, note.y) == ("paper", "paper", 0, "left", 0)
    assert note.yshift < 0 and note.xshift <= 0  # below the axis, back over the row labels


def test_frame_sets_title_subtitle_cjk_font_and_phone_layout():
    fig = charts.frame_figure(go.Figure(go.Bar(x=[1], y=[1])), title="发现", subtitle="单位", source_line="x",
                              lang="zh", height=320)
    assert fig.layout.title.text == "发现" and fig.layout.title.subtitle.text == "单位"
    assert fig.layout.font.family.startswith("Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC")
    assert fig.layout.autosize is True and fig.layout.width is None and fig.layout.height == 320
    assert fig.layout.plot_bgcolor == "white" and fig.layout.showlegend is False


def test_frame_shows_a_horizontal_legend_at_the_bottom_when_there_are_several_traces():
    fig = charts.frame_figure(go.Figure([go.Scatter(x=[1], y=[1]), go.Scatter(x=[2], y=[2])]), title="T",
                              source_line="x", lang="en")
    assert fig.layout.showlegend is True
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.yanchor == "bottom"
    assert fig.layout.legend.y < 0.2


def test_frame_wraps_a_long_title_for_a_phone_and_makes_room_for_it():
    short = charts.frame_figure(go.Figure(), title="Short", source_line="x", lang="en")
    long = charts.frame_figure(go.Figure(), title="Of 921 clues handled in Jan–Nov 2018, 257 became cases "
                               "and 223 people were disciplined", source_line="x", lang="en")
    assert "<br>" in long.layout.title.text and long.layout.margin.t > short.layout.margin.t
    assert all(len(line) <= 40 for line in long.layout.title.text.split("<br>"))


def test_refit_wraps_a_framed_chart_again_for_a_wide_screen_and_back():
    title = "Clean units: figures and milestones in the area"  # over a phone's 40 columns, under a wide 56
    phone = charts.frame_figure(go.Figure(), title=title, source_line="x", lang="en")
    wide = charts.refit(go.Figure(phone), "wide")
    assert phone.layout.title.text.count("<br>") == 1 and "<br>" not in wide.layout.title.text
    assert wide.layout.margin.t < phone.layout.margin.t  # one title line less to make room for
    assert [a.name for a in wide.layout.annotations] == ["source"]  # framed again, not twice
    back = charts.refit(wide, "phone")
    assert back.layout.title.text == phone.layout.title.text and back.layout.margin.t == phone.layout.margin.t


def test_frame_refuses_a_chart_without_a_source():
    with pytest.raises(ValueError, match="source"):
        charts.frame_figure(go.Figure(), title="T", source_line=" ", lang="zh")


def test_framing_twice_keeps_one_source_line_and_text_from_data_stays_plain():
    fig = charts.build_funnel(FUNNEL, "en")
    fig = charts.frame_figure(fig, title="<b>x</b>", source_line="A & B", lang="en")
    assert source_notes(fig) == ["Source: A &amp; B"]
    assert fig.layout.title.text == "&lt;b&gt;x&lt;/b&gt;"


# ---- to_minutes and period kinds ----

@pytest.mark.parametrize("value, unit, minutes", [
    (30, "minute", 30), (1, "hour", 60), (1, "day", 1440), (3, "month", 3 * 30 * 1440),
    (5, "working_day", 5 * 1440),  # placed like calendar days; the label keeps 工作日
])
def test_to_minutes_converts_every_duration_unit(value, unit, minutes):
    assert charts.to_minutes(value, unit) == minutes


@pytest.mark.parametrize("unit", ["case", "percent", "times", "year"])
def test_to_minutes_rejects_a_unit_that_is_not_a_duration(unit):
    with pytest.raises(ValueError, match=unit):
        charts.to_minutes(1, unit)


@pytest.mark.parametrize("start, end, kind", [
    ("2018-07-01", "2018-07-31", "month"), ("2018-01-01", "2018-01-31", "month"),
    ("2018-01-01", "2018-07-31", "year_to_date"), ("2018-01-01", "2018-12-23", "year_to_date"),
    ("2015-01-01", "2015-12-31", "year"), ("2018-12-23", "2018-12-23", "other"),
    ("2018-01-01", "2021-04-14", "other"), ("2024-04-01", "2024-06-30", "other"),
])
def test_period_kind_tells_months_year_to_date_and_years_apart(start, end, kind):
    assert charts.period_kind(start, end) == kind


# ---- builders ----

@pytest.mark.parametrize("lang, labels, texts, period", [
    ("zh", ["线索", "立案", "处分"], ["约900件", "250件", "20多个"], "2018年1—11月"),
    ("en", ["Clues", "Cases filed", "People"], ["about 900 cases", "250 cases", "20+ problems"], "Jan–Nov 2018"),
])
def test_funnel_keeps_order_labels_and_qualifiers(lang, labels, texts, period):
    fig = charts.build_funnel(FUNNEL, lang)
    funnel = only(fig, "funnel")
    assert list(funnel.x) == [900, 250, 20] and list(funnel.y) == labels
    assert list(funnel.text) == texts and funnel.textinfo == "text"
    assert period in str(funnel.customdata)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_region_without_a_fact_gets_not_reported_text_and_no_bar(lang):
    day = dict(start="2018-12-23", end="2018-12-23")
    facts = frame(fact("offices", 39, "office", region="330900", **day),
                  fact("offices", 20, "problem", qualifier="more_than", region="330903", **day))
    fig = charts.build_indicator_by_region(facts, REGIONS, lang, indicator_label="Offices", unit="office")
    bars = only(fig, "bar")
    assert list(bars.y) == [0, 2] and list(bars.x) == [39, 20]  # District B (row 1) has no bar
    assert 0 not in list(bars.x)
    marker = only(fig, "scatter", name="not_reported")
    assert list(marker.y) == [1] and list(marker.x) == [0] and list(marker.text) == [t("not_reported", lang)]
    assert list(fig.layout.yaxis.ticktext) == list(REGIONS[f"name_{lang}"])
    assert ("20多个" if lang == "zh" else "20+ problems") in list(bars.text)
    assert ("截至2018年12月23日" if lang == "zh" else "as of 23 Dec 2018") in str(bars.customdata)


def test_region_bars_use_the_latest_figure_and_a_published_zero_is_a_bar():
    facts = frame(fact("x", 5, "item", region="330900", end="2017-12-31"),
                  fact("x", 7, "item", region="330900", end="2018-12-31"),
                  fact("x", 0, "item", region="330902", end="2018-12-31"))
    fig = charts.build_indicator_by_region(facts, REGIONS, "en", indicator_label="X", unit="item")
    bars = only(fig, "bar")
    assert list(bars.x) == [7, 0] and list(bars.y) == [0, 1]
    assert list(only(fig, "scatter", name="not_reported").y) == [2]


def test_region_chart_with_no_figure_at_all_marks_every_region():
    empty = frame(fact("x", 1, "item")).iloc[0:0]
    fig = charts.build_indicator_by_region(empty, REGIONS, "zh", indicator_label="X", unit="item", source_line="s")
    assert len(only(fig, "bar").x) == 0
    assert list(only(fig, "scatter", name="not_reported").text) == ["未公布"] * 3


@pytest.mark.parametrize("lang, names", [("zh", ["当月", "年初至今累计", "全年"]),
                                         ("en", ["Monthly", "Year to date", "Full year"])])
def test_time_series_splits_months_year_to_date_and_years(lang, names):
    facts = frame(fact("c", 7, "case", start="2018-07-01", end="2018-07-31"),
                  fact("c", 6, "case", start="2018-06-01", end="2018-06-30"),
                  fact("c", 31, "case", start="2018-01-01", end="2018-07-31"),
                  fact("c", 26, "case", start="2018-01-01", end="2018-06-30"),
                  fact("c", 37, "case", start="2015-01-01", end="2015-12-31"))
    fig = charts.build_time_series(facts, lang)
    assert [tr.name for tr in fig.data] == names and fig.layout.showlegend is True
    monthly, ytd, year = fig.data
    assert list(monthly.y) == [6, 7] and list(ytd.y) == [26, 31] and list(year.y) == [37]
    assert monthly.mode == "lines+markers"
    assert ("2018年6月" if lang == "zh" else "Jun 2018") in str(monthly.customdata)


def test_a_time_line_joins_only_periods_that_follow_on():
    facts = frame(fact("c", 6, "case", start="2018-06-01", end="2018-06-30"),
                  fact("c", 7, "case", start="2018-07-01", end="2018-07-31"),
                  fact("c", 9, "case", start="2021-05-01", end="2021-05-31"),
                  fact("c", 26, "case", start="2018-01-01", end="2018-06-30"),
                  fact("c", 31, "case", start="2018-01-01", end="2018-07-31"),
                  fact("c", 12, "case", start="2019-01-01", end="2019-03-31"))
    monthly, ytd = charts.build_time_series(facts, "en").data
    assert list(monthly.y) == [6, 7, None, 9]  # June–July joined; nothing drawn across the three years to May 2021
    assert list(ytd.y) == [26, 31, None, 12]  # a year's running totals joined, not one year's to the next
    assert monthly.connectgaps is False


@pytest.mark.parametrize("lang, before, after, tick", [
    ("zh", ["约3个月", "5个工作日"], ["不到30分钟", "2个工作日"], "1天"),
    ("en", ["about 3 months", "5 working days"], ["under 30 minutes", "2 working days"], "1 day"),
])
def test_before_after_is_on_a_log_axis_with_the_published_wording(lang, before, after, tick):
    fig = charts.build_before_after(PAIRS, lang)
    assert fig.layout.xaxis.type == "log"
    names = ("改革前", "改革后") if lang == "zh" else ("Before", "After")
    start, end = only(fig, "scatter", name=names[0]), only(fig, "scatter", name=names[1])
    assert list(start.x) == [3 * 30 * 1440, 5 * 1440] and list(end.x) == [30, 2 * 1440]
    assert list(start.text) == before and list(end.text) == after
    assert tick in fig.layout.xaxis.ticktext
    ticks = list(fig.layout.xaxis.tickvals)
    assert min(ticks) <= 30 and max(ticks) >= 3 * 30 * 1440  # the axis labels span the data


@pytest.mark.parametrize("lang, tick", [("zh", "2015年"), ("en", "2015")])
def test_a_one_year_series_reads_as_that_year_not_an_instant(lang, tick):
    fig = charts.build_time_series(frame(fact("c", 36911, "case", start="2015-01-01", end="2015-12-31")), lang)
    axis = fig.layout.xaxis
    assert list(axis.ticktext) == [tick]  # not Plotly's '23:59:59.999 Dec 30, 2015'
    low, high = (pd.Timestamp(end) for end in axis.range)
    assert high - low >= pd.Timedelta(days=90)


def test_time_ticks_are_worded_in_the_page_language():
    facts = frame(*(fact("c", n, "case", start=f"2018-{m:02d}-01", end=str((pd.Timestamp(f"2018-{m:02d}-01") + pd.offsets.MonthEnd()).date()))
                    for n, m in ((5, 6), (6, 7))))
    zh, en = (list(charts.build_time_series(facts, lang).layout.xaxis.ticktext) for lang in ("zh", "en"))
    assert zh == ["2018年6月", "2018年7月"] and en == ["Jun 2018", "Jul 2018"]
    many = frame(*(fact("c", m, "case", start=f"{y}-{m:02d}-01", end=str((pd.Timestamp(f"{y}-{m:02d}-01") + pd.offsets.MonthEnd()).date()))
                   for y in (2018, 2019) for m in range(1, 13)))
    ticks = list(charts.build_time_series(many, "zh").layout.xaxis.ticktext)
    assert len(ticks) <= charts.MAX_TIME_TICKS and ticks[-1] == "2019年12月"


@pytest.mark.parametrize("before, after", [(9, 4), (4, 9), (20, 5)])
def test_each_before_after_label_sits_on_its_own_marker(before, after):
    """Surveying took 9 days before and 4 after: '9天' must not sit beside the filled 'after' dot."""
    pairs = PAIRS.iloc[:1].assign(before_value=float(before), before_unit="day", before_qualifier="exact",
                                  after_value=float(after), after_unit="day", after_qualifier="exact")
    fig = charts.build_before_after(pairs, "zh")
    start, end = only(fig, "scatter", name="改革前"), only(fig, "scatter", name="改革后")
    for trace, own, other in ((start, before, after), (end, after, before)):
        side = trace.textposition[0].split()[-1]  # 'center', or the side the label runs to
        towards_other = {"left": other < own, "right": other > own}.get(side, False)
        assert not towards_other, f"{trace.text[0]} runs from its marker towards the other figure's"
    assert list(start.text) == [f"{before}天"] and list(end.text) == [f"{after}天"]


def test_on_a_long_dumbbell_the_labels_run_inwards_clear_of_the_row_names():
    """30 minutes after, about 3 months before: 3.6 decades apart, each label runs towards the middle."""
    fig = charts.build_before_after(PAIRS.iloc[:1], "en")
    assert list(only(fig, "scatter", name="Before").textposition) == ["top left"]
    assert list(only(fig, "scatter", name="After").textposition) == ["bottom right"]


def test_rates_sit_on_a_fixed_0_to_100_axis_labelled_as_percent():
    facts = frame(fact("a", 100, "percent", zh="覆盖率", en="Coverage"),
                  fact("b", 95, "percent", qualifier="approx", zh="进驻率", en="Stationed"))
    zh, en = charts.build_rates(facts, "zh"), charts.build_rates(facts, "en")
    assert list(zh.layout.xaxis.range) == [0, 100]
    assert list(only(zh, "bar").text) == ["100%", "约95%"] and list(only(en, "bar").text) == ["100%", "about 95%"]
    assert list(zh.layout.yaxis.ticktext) == ["覆盖率", "进驻率"]
    assert list(en.layout.yaxis.ticktext) == ["Coverage", "Stationed"]


def test_factors_are_bars_from_zero_labelled_times():
    facts = frame(fact("speed", 5, "times", zh="提速", en="Speed-up"))
    zh, en = charts.build_factors(facts, "zh"), charts.build_factors(facts, "en")
    assert list(only(zh, "bar").text) == ["5倍"] and list(only(en, "bar").text) == ["5×"]
    assert zh.layout.xaxis.range[0] == 0 and list(en.layout.yaxis.ticktext) == ["Speed-up"]


def test_a_bar_is_as_thick_in_a_one_row_chart_as_in_a_longer_one():
    def per_row(fig, rows):
        return (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b) / rows

    one = charts.build_factors(frame(fact("speed", 5, "times")), "en")
    three = charts.build_rates(frame(*(fact(f"r{i}", 50, "percent") for i in range(3))), "en")
    assert per_row(one, 1) == per_row(three, 3) == chart_frame.ROW_PX


@pytest.mark.parametrize("lang, columns", [("zh", ["公布的数字", "报道的进展"]),
                                           ("en", ["Figures reported", "Milestones reported"])])
def test_sector_matrix_counts_figures_and_milestones_and_marks_zero_as_not_reported(lang, columns):
    facts = frame(fact("a", 1, "case", sector="organs"), fact("b", 2, "case", sector="organs"),
                  fact("c", 3, "case"))
    events = pd.DataFrame({"sector": ["schools", ""], "source": [SOURCE, SOURCE]})
    fig = charts.build_sector_matrix(SECTORS, facts, events, lang)
    grid = only(fig, "heatmap")
    gap = t("not_reported", lang)  # 未公布 on a Chinese page, "not reported" on an English one
    assert [list(row) for row in grid.text] == [["2", gap], [gap, "1"], [gap] * 2]
    assert [list(row) for row in grid.z] == [[2, None], [None, 1], [None, None]]  # no coloured 0
    assert list(fig.layout.xaxis.ticktext) == columns
    assert list(fig.layout.yaxis.ticktext) == list(SECTORS[f"name_{lang}"])


def test_coverage_matrix_counts_per_cell_truncates_long_labels_and_grows_with_rows():
    long_label = "Integrity talks: new deputy section chiefs"
    indicators = pd.DataFrame({"id": ["a", "b"], "label_zh": ["甲", "乙"], "label_en": ["Short", long_label]})
    facts = frame(fact("a", 1, "case", region="330900"), fact("a", 2, "case", region="330900", end="2018-12-31"),
                  fact("b", 1, "case", region="330903"))
    fig = charts.build_coverage_matrix(coverage_table(facts), indicators, REGIONS, "en", source_line=SOURCE)
    grid = only(fig, "heatmap")
    assert [list(row) for row in grid.text] == [["2", "—", "—"], ["—", "—", "1"]]
    assert [list(row) for row in grid.z] == [[2, None, None], [None, None, 1]]
    short, cut = fig.layout.yaxis.ticktext
    assert short == "Short" and cut.endswith("…") and len(cut) <= 20
    assert long_label in str(grid.customdata) and "not reported" in str(grid.customdata)
    many = pd.DataFrame({"id": [f"i{n}" for n in range(60)], "label_zh": ["指标"] * 60, "label_en": ["X"] * 60})
    taller = charts.build_coverage_matrix(coverage_table(facts), many, REGIONS, "zh", source_line=SOURCE)
    assert taller.layout.height > fig.layout.height + 1000


def test_every_builder_carries_a_source_line():
    facts = frame(fact("a", 5, "times"))
    figures = [charts.build_funnel(FUNNEL, "zh"), charts.build_time_series(FUNNEL, "zh"),
               charts.build_indicator_by_region(facts, REGIONS, "zh", indicator_label="x", unit="times"),
               charts.build_before_after(PAIRS, "zh"), charts.build_rates(facts, "zh"),
               charts.build_factors(facts, "zh"), charts.build_sector_matrix(SECTORS, facts, facts, "zh"),
               charts.build_coverage_matrix(coverage_table(facts), pd.DataFrame({"id": ["a"], "label_zh": ["甲"]}),
                                            REGIONS, "zh", source_line=SOURCE)]
    assert all(source_notes(fig) == [f"出处: {SOURCE}"] for fig in figures)


def test_builders_pass_title_and_source_line_to_the_frame():
    fig = charts.build_funnel(FUNNEL, "en", title="Most clues did not become cases", source_line="Bulletin")
    assert fig.layout.title.text == "Most clues did not become cases"
    assert source_notes(fig) == ["Source: Bulletin"]


# ---- file names ----

def test_png_filename_reads_page_region_metric_language():
    assert charts.png_filename("enforcement", "330900", "clues_handled", "zh") == \
        "qinglian_enforcement_330900_clues_handled_zh"


@pytest.mark.parametrize("odd", ["<script>alert(1)</script>", "../../etc/passwd", "线索 处置", "a b/c\\d:e", ""])
def test_png_filename_is_safe_for_odd_input(odd):
    name = charts.png_filename(odd, odd, odd, "en")
    assert re.fullmatch(r"[a-z0-9_-]+", name) and name.startswith("qinglian") and name.endswith("_en")
    assert ".." not in name and "/" not in name


# ---- the real package, through the same query helpers the pages use ----

@pytest.mark.parametrize("lang, texts, labels", [
    ("zh", ["921件", "257件", "223人"], ["处置问题线索", "立案数", "处分人数"]),
    ("en", ["921 cases", "257 cases", "223 people"],
     ["Problem clues handled", "Cases filed", "People disciplined"]),
])
def test_real_2018_funnel_reads_921_257_223(dataset, lang, texts, labels):
    shape = only(charts.build_funnel(funnel_facts(dataset, "330900"), lang), "funnel")
    assert list(shape.x) == [921, 257, 223] and list(shape.text) == texts
    assert [y.replace("<br>", " ") for y in shape.y] == labels  # long labels wrap for a phone


def test_real_supervision_offices_city_39_counties_not_reported(dataset):
    facts = dataset.facts[dataset.facts["indicator"] == "supervision_offices"]
    regions = dataset.regions[dataset.regions["code"].str.startswith("3309")][["code", "name_zh", "name_en"]]
    fig = charts.build_indicator_by_region(facts, regions, "en", indicator_label="Offices", unit="office")
    assert list(only(fig, "bar").x) == [39] and list(only(fig, "bar").text) == ["39 offices"]
    assert list(only(fig, "scatter", name="not_reported").text) == ["not reported"] * (len(regions) - 1)


@pytest.mark.parametrize("lang, before, after", [("zh", "约3个月", "不到30分钟"),
                                                 ("en", "about 3 months", "under 30 minutes")])
def test_real_cosmetics_filing_before_after_keeps_the_published_wording(dataset, lang, before, after):
    pairs = before_after_pairs(dataset, "330900")
    fig = charts.build_before_after(pairs.assign(measure_label=pairs[f"measure_label_{lang}"]), lang)
    names = ("改革前", "改革后") if lang == "zh" else ("Before", "After")
    assert before in only(fig, "scatter", name=names[0]).text
    assert after in only(fig, "scatter", name=names[1]).text


def test_real_coverage_matrix_has_a_cell_per_indicator_and_region(dataset):
    fig = charts.build_coverage_matrix(coverage_table(dataset.facts), dataset.indicators, dataset.regions, "zh",
                                       source_line="all")
    grid = only(fig, "heatmap")
    assert len(grid.z) == len(dataset.indicators) and len(grid.z[0]) == len(dataset.regions)
    assert sum(n or 0 for row in grid.z for n in row) == len(dataset.facts)


def test_real_sector_matrix_has_the_six_clean_units(dataset):
    fig = charts.build_sector_matrix(dataset.sectors, dataset.facts, dataset.events, "zh")
    assert list(fig.layout.yaxis.ticktext) == list(dataset.sectors["name_zh"])
    assert len(only(fig, "heatmap").text) == 6


def test_the_chosen_area_stands_out_among_the_areas_it_is_drawn_with():
    facts = frame(fact("o", 39, "office", region="330900"), fact("o", 9, "office", region="330902"))
    fig = charts.build_indicator_by_region(facts, REGIONS, "zh", indicator_label="派出监察办公室", unit="office",
                                           selected="330902", source_line="x")
    bars = only(fig, "bar")
    assert list(bars.marker.color) == [chart_frame.PALE, chart_frame.BLUE]  # 甲市 pale, 乙区 (chosen) full
    assert list(bars.insidetextfont.color) == [chart_frame.INK, "white"]
    assert list(fig.layout.yaxis.ticktext) == ["甲市", "<b>乙区</b>", "丙区"]


def test_each_period_kind_has_an_axis_of_its_own_and_missing_years_stay_gaps():
    """Issue #28: annual and monthly figures never share an axis; 2020, unpublished, is a gap, not a slope."""
    facts = frame(fact("c", 638000, "case", start="2018-01-01", end="2018-12-31"),
                  fact("c", 619000, "case", start="2019-01-01", end="2019-12-31"),
                  fact("c", 631000, "case", start="2021-01-01", end="2021-12-31"),
                  fact("c", 5178, "case", start="2018-07-01", end="2018-07-31"))
    fig = charts.build_time_series(facts, "zh")
    monthly, year = fig.data
    assert monthly.xaxis != year.xaxis and monthly.yaxis != year.yaxis  # two panels, one kind each
    assert list(year.y) == [638000, 619000, None, 631000]
    assert fig.layout.xaxis2.ticktext and "2021年" in fig.layout.xaxis2.ticktext


def test_long_period_ticks_a_year_apart_are_thinned_so_they_do_not_run_together_on_a_phone():
    facts = frame(fact("c", 104000, "case", start="2020-01-01", end="2020-03-31"),
                  *(fact("c", v, "case", start=f"{y}-01-01", end=f"{y}-09-30") for y, v in ((2023, 470000), (2024, 642000), (2025, 789000))))
    ticks = list(charts.build_time_series(facts, "en").layout.xaxis.ticktext)
    assert ticks[-1].replace("<br>", " ") == "Jan–Sep 2025" and len(ticks) == 3  # 2024 dropped: a year from 2025


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_area_bars_compare_one_period_and_say_where_an_area_has_only_others(lang):
    """A province's five-year total beside the country's year would read as a comparison nobody published."""
    facts = frame(fact("x", 1_012_000, "case", region="330900", start="2025-01-01", end="2025-12-31"),
                  fact("x", 59_781, "case", region="330902", start="2012-07-01", end="2017-04-30"),
                  fact("x", 9_000, "case", region="330903", start="2025-01-01", end="2025-12-31"))
    fig = charts.build_indicator_by_region(facts, REGIONS, lang, indicator_label="X", unit="case", selected="330900")
    assert list(only(fig, "bar").x) == [1_012_000, 9_000] and list(only(fig, "bar").y) == [0, 2]
    other = only(fig, "scatter", name="other_periods")
    assert list(other.y) == [1] and list(other.text) == [t("other_periods", lang)]
    assert "2017" not in fig.layout.title.subtitle.text and "2025" in fig.layout.title.subtitle.text
    # The chosen area's latest period is the one compared, even when fewer areas published it.
    fig = charts.build_indicator_by_region(facts, REGIONS, lang, indicator_label="X", unit="case", selected="330902")
    assert list(only(fig, "bar").x) == [59_781] and list(only(fig, "scatter", name="other_periods").y) == [0, 2]
