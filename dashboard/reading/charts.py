"""Pure figure builders: tidy DataFrame(s) + lang -> go.Figure, testable without Streamlit.

Every builder ends in `frame_figure` (chart_frame.py), the one chart frame: a title that states the finding,
a subtitle (units, period) and a source line that travels inside a downloaded PNG.
Builders take the frame's texts as keyword overrides (`**frame`: title, subtitle,
source_line, height); without them they fall back to descriptive texts and source ids.
Builders that show indicator labels expect facts from `queries.facts_with_labels`. Each call builds a
new figure: callers may change it, and nothing else sees the change.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.kernel.i18n import format_period, format_values, t, unit_label

# Re-exported: pages and widgets ask charts for a chart's file name and for a drawn figure back.
from dashboard.reading.chart_frame import BLUE, GREY, INK, LIGHT, PALE, frame_figure, from_json, png_filename, refit  # noqa: F401
from dashboard.reading.text_layout import escape, truncate, wrap
from dashboard.storing.queries import PERIOD_KINDS, period_kind

HOVER = "%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>"
MINUTES_PER = {"minute": 1, "hour": 60, "day": 1440, "working_day": 1440, "month": 30 * 1440}
# (minutes, zh, en): readable ticks for the log time axis; `_duration_ticks` thins them to fit.
DURATION_TICKS = [(1, "1分钟", "1 min"), (10, "10分钟", "10 min"), (60, "1小时", "1 h"),
                  (1440, "1天", "1 day"), (10080, "1周", "1 week"), (43200, "1个月", "1 month"),
                  (525600, "1年", "1 year")]
# Period kinds: each colour at least 3:1 on white (WCAG 1.4.11), told apart under protanopia,
# deuteranopia and tritanopia (tests/unit/reading/test_charts_palette.py simulates them), and never by colour
# alone: each kind has its own marker and dash too.
PERIOD_COLOURS = {"month": BLUE, "year_to_date": "#b5562d", "year": "#5d4037", "other": "#767676"}
PERIOD_MARKS = {"month": ("circle", "solid"), "year_to_date": ("square", "dash"), "year": ("diamond", "dot"),
                "other": ("triangle-up", "dashdot")}
# Before and after: grey and blue, a hollow and a filled marker, and each labelled with its wording.
# Before's label above its marker, after's below. On a short dumbbell each is centred on its own marker:
# a label run sideways would land by the other end and read as the wrong figure (9天 by the 4天 dot). On
# a long one, each runs inwards, so the labels at the axis's ends stay clear of the row names.
SIDE_MARKS = {"before": (GREY, "circle-open", "top"), "after": (BLUE, "circle", "bottom")}
LONG_DUMBBELL = 1.5  # decades of the log axis: more than the widest label spans on a phone
OTHER_SIDE = {"before": "after", "after": "before"}
MAX_TIME_TICKS = 6  # period labels ('2018年1—11月') are wide: more would run into each other on a phone


def to_minutes(value: float, unit: str) -> float:
    """A duration in minutes, for one shared time axis."""
    # A working day is plotted where a calendar day would be; its label still says 工作日.
    if unit not in MINUTES_PER:
        expected = ", ".join(MINUTES_PER)
        raise ValueError(f"to_minutes: unit '{unit}' is not a duration; expected one of {expected}")
    return float(value) * MINUTES_PER[unit]


def build_funnel(facts: pd.DataFrame, lang: str, **frame) -> go.Figure:
    """Clues handled → cases filed → people disciplined, in the order given, values as published."""
    labels = list(facts[f"label_{lang}"])
    fig = go.Figure(go.Funnel(
        y=[wrap(label, 16) for label in labels], x=list(facts["value"]), text=_values(facts, lang),
        textinfo="text", customdata=_hover(facts, lang, labels), hovertemplate=HOVER,
        marker_color=BLUE, connector=dict(fillcolor=LIGHT)))
    return _framed(fig, facts, lang, frame, title=" → ".join(labels), subtitle=_periods(facts, lang))


def build_indicator_by_region(facts: pd.DataFrame, regions: pd.DataFrame, lang: str, *,
                              indicator_label: str, unit: str, selected: str | None = None, **frame) -> go.Figure:
    """One bar per region in `regions` order, all for one period (`compared_period`): a bar of five years
    beside a bar of one would read as a comparison nobody published. 'Not reported' text where an area has
    no figure, 'other periods only' where it has figures of other periods. The `selected` area stands
    out: its name in bold, its bar full blue, the others' pale (dark text)."""
    latest = compared_facts(facts, selected).groupby("region").tail(1).set_index("region")
    names = list(regions[f"name_{lang}"])
    rows = [i for i, code in enumerate(regions["code"]) if code in latest.index]
    elsewhen = set(facts["region"])
    missing = [i for i in range(len(names)) if i not in rows and regions["code"].iloc[i] not in elsewhen]
    other = [i for i in range(len(names)) if i not in rows and i not in missing]
    shown = latest.loc[[regions["code"].iloc[i] for i in rows]]
    fig = go.Figure()
    chosen = [selected is None or code == selected for code in shown.index]
    fig.add_bar(y=rows, x=list(shown["value"]), orientation="h", text=_values(shown, lang),
                # Inside the bar when the text fits, so the longest bar's label is never cut at the edge.
                textposition="auto", textangle=0, cliponaxis=False, showlegend=False,
                marker_color=[BLUE if mine else PALE for mine in chosen],
                insidetextfont=dict(color=["white" if mine else INK for mine in chosen]),
                customdata=_hover(shown, lang, [names[i] for i in rows]), hovertemplate=HOVER)
    for name, where in (("not_reported", missing), ("other_periods", other)):
        fig.add_scatter(y=where, x=[0] * len(where), mode="text", text=[t(name, lang)] * len(where),
                        textposition="middle right", textfont_color=GREY, hoverinfo="skip", showlegend=False,
                        name=name)
    _rows_axis(fig, [f"<b>{wrap(name, 16)}</b>" if code == selected else wrap(name, 16)
                     for name, code in zip(names, regions["code"])])
    top = float(shown["value"].max()) if len(shown) else 1.0
    fig.update_xaxes(range=[0, top * 1.25])
    subtitle = " · ".join(filter(None, [unit_label(unit, lang), _periods(shown, lang)]))
    return _framed(fig, facts, lang, frame, title=indicator_label, subtitle=subtitle,
                   rows=len(names))


def compared_facts(facts: pd.DataFrame, selected: str | None = None) -> pd.DataFrame:
    """The rows of `facts` an area chart draws: those of `compared_period`."""
    period = compared_period(facts, selected)
    return facts[(facts["period_start"] == period[0]) & (facts["period_end"] == period[1])] if period else facts


def compared_period(facts: pd.DataFrame, selected: str | None = None) -> tuple | None:
    """(start, end) of the one period an area chart compares: the `selected` area's latest, else the
    period the most areas published (the latest of those)."""
    if facts.empty:
        return None
    own = facts[facts["region"] == selected] if selected is not None else facts.iloc[0:0]
    if len(own):
        last = own.sort_values(["period_end", "period_start"]).iloc[-1]
        return last["period_start"], last["period_end"]
    areas = facts.groupby(["period_start", "period_end"])["region"].nunique().reset_index()
    best = areas.sort_values(["region", "period_end", "period_start"]).iloc[-1]
    return best["period_start"], best["period_end"]


def build_time_series(facts: pd.DataFrame, lang: str, **frame) -> go.Figure:
    """One indicator over time: monthly, year-to-date, annual and other periods each on an axis of their
    own (one panel a kind, stacked), never two kinds on one axis; a line joins only periods that follow on."""
    facts = facts.sort_values("period_end")
    kinds = [period_kind(s, e) for s, e in zip(facts["period_start"], facts["period_end"])]
    shown = [kind for kind in PERIOD_KINDS if kind in kinds]
    names = [_text(f"period.{kind}", lang) for kind in shown]
    # Each panel's title sits above it, clear of the two-line period ticks of the panel before.
    fig = make_subplots(rows=max(len(shown), 1), cols=1, vertical_spacing=0.26 if len(shown) > 1 else 0.0,
                        subplot_titles=names if len(shown) > 1 else None)
    fig.update_annotations(font_size=13, x=0, xanchor="left")  # the panel titles, left like the chart's own
    for row, (kind, name) in enumerate(zip(shown, names), start=1):
        part = facts[[k == kind for k in kinds]]
        x, y, hover = _with_gaps(part, _hover(part, lang, [name] * len(part)), kind)
        symbol, dash = PERIOD_MARKS[kind]
        fig.add_scatter(x=x, y=y, mode="lines+markers", name=name, connectgaps=False,
                        marker=dict(size=9, color=PERIOD_COLOURS[kind], symbol=symbol),
                        line=dict(color=PERIOD_COLOURS[kind], dash=dash),
                        customdata=hover, hovertemplate=HOVER, row=row, col=1)
        fig.update_yaxes(rangemode="tozero", row=row, col=1)
        _period_axis(fig, part, lang, row=row)
    unit = facts["unit"].iloc[0] if len(facts) else ""
    fig.update_layout(showlegend=True)
    title = facts[f"label_{lang}"].iloc[0] if len(facts) and f"label_{lang}" in facts else ""
    return _framed(fig, facts, lang, frame, title=title, subtitle=unit_label(unit, lang),
                   height=360 + 280 * max(len(shown) - 1, 0))


def build_before_after(facts_pairs: pd.DataFrame, lang: str, **frame) -> go.Figure:
    """Dumbbells on a log time axis, each end labelled with the published wording ('约3个月')."""
    pairs = facts_pairs.reset_index(drop=True)
    rows = list(range(len(pairs)))
    minutes = {side: [to_minutes(v, u) for v, u in zip(pairs[f"{side}_value"], pairs[f"{side}_unit"])]
               for side in ("before", "after")}
    fig = go.Figure()
    fig.add_scatter(x=_segments(minutes["before"], minutes["after"]), y=_segments(rows, rows), mode="lines",
                    line=dict(color=LIGHT, width=6), hoverinfo="skip", showlegend=False, name="connector")
    labels = list(pairs["measure_label"])
    for side, (colour, symbol, place) in SIDE_MARKS.items():
        wording = format_values(pairs, lang, prefix=f"{side}_")
        when = [format_period(end, end, lang) for end in pairs["period_end"]]
        fig.add_scatter(x=minutes[side], y=rows, mode="markers+text", name=_text(side, lang), text=wording,
                        textposition=_label_sides(minutes[side], minutes[OTHER_SIDE[side]], place), cliponaxis=False,
                        marker=dict(size=13, color=colour, symbol=symbol, line=dict(width=3, color=colour)),
                        customdata=list(zip(labels, wording, when)), hovertemplate=HOVER)
    all_minutes = minutes["before"] + minutes["after"] or [60, 43200]
    ticks = _duration_ticks(min(all_minutes) / 2, max(all_minutes) * 2, lang)
    # Padding keeps the end tick labels, which Plotly hides when they would spill past the plot.
    ends = [math.log10(ticks[0][0]) - 0.1, math.log10(ticks[-1][0]) + 0.1]
    fig.update_xaxes(type="log", range=ends, tickangle=0, tickvals=[m for m, _ in ticks],
                     ticktext=[text for _, text in ticks])
    _rows_axis(fig, [wrap(label, 16) for label in labels])
    fig.update_layout(showlegend=True)
    return _framed(fig, pairs, lang, frame, title=_text("before_after_title", lang),
                   subtitle=_text("log_scale", lang), height=max(300, 200 + 80 * len(rows)))


def build_rates(facts: pd.DataFrame, lang: str, **frame) -> go.Figure:
    """Coverage rates as bars on a fixed 0–100% axis, so 99% never looks like half of 100%."""
    fig = _labelled_bars(facts, lang)
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    return _framed(fig, facts, lang, frame, title=_text("rates_title", lang),
                   subtitle=_periods(facts, lang), rows=len(facts))


def build_factors(facts: pd.DataFrame, lang: str, **frame) -> go.Figure:
    """Speed-up factors ('5倍' / '5×') as bars from zero."""
    fig = _labelled_bars(facts, lang)
    top = float(facts["value"].max()) if len(facts) else 1.0
    fig.update_xaxes(range=[0, top * 1.25], ticksuffix=unit_label("times", lang))
    return _framed(fig, facts, lang, frame, title=_text("factors_title", lang),
                   subtitle=_periods(facts, lang), rows=len(facts))


def build_sector_matrix(sectors: pd.DataFrame, facts: pd.DataFrame, events: pd.DataFrame, lang: str,
                        **frame) -> go.Figure:
    """The clean units (sectors.csv) × (figures reported, milestones reported): counts, or 'not reported'."""
    counts = [[int((table["sector"] == sector).sum()) for table in (facts, events)] for sector in sectors["id"]]
    names = list(sectors[f"name_{lang}"])
    columns = [_text("facts", lang), _text("events", lang)]
    fig = _count_grid(counts, [wrap(name, 16) for name in names], names, columns, t("not_reported", lang), lang)
    sources = pd.concat([facts[["source"]], events[["source"]]])
    return _framed(fig, sources, lang, frame, title=_text("sector_title", lang), subtitle="",
                   height=max(320, 200 + 40 * len(names)))


def build_coverage_matrix(counts: pd.DataFrame, indicators: pd.DataFrame, regions: pd.DataFrame, lang: str,
                          **frame) -> go.Figure:
    """Indicators × regions: how many figures each area has published; colour only where any.
    `counts` is indexed by indicator id with a column per region code (as `data.coverage_counts`);
    it carries no sources, so the caller gives the frame's `source_line`."""
    counts = counts.reindex(index=indicators["id"], columns=regions["code"], fill_value=0)
    labels = list(indicators[f"label_{lang}"])
    fig = _count_grid(counts.values.tolist(), [truncate(label, 20) for label in labels], labels,
                      list(regions[f"name_{lang}"]), "—", lang)
    return _framed(fig, pd.DataFrame(), lang, frame, title=_text("coverage_title", lang),
                   subtitle=_text("coverage_subtitle", lang), height=220 + 22 * len(labels))



# ---- helpers ----

def _framed(fig, facts, lang, frame, *, title, subtitle, height=360, rows=None):
    defaults = {"title": title, "subtitle": subtitle, "source_line": _source_ids(facts), "height": height, "rows": rows}
    return frame_figure(fig, lang=lang, **(defaults | frame))


def _labelled_bars(facts, lang):
    """Horizontal bars, one per fact, labelled with the indicator and the published wording."""
    labels = list(facts[f"label_{lang}"])
    fig = go.Figure(go.Bar(y=list(range(len(facts))), x=list(facts["value"]), orientation="h",
                           text=_values(facts, lang), textposition="auto", textangle=0, cliponaxis=False,
                           marker_color=BLUE,
                           customdata=_hover(facts, lang, labels), hovertemplate=HOVER))
    _rows_axis(fig, [wrap(label, 22) for label in labels])
    return fig


def _count_grid(counts, row_ticks, row_labels, columns, empty_text, lang):
    """A heatmap of counts: coloured and numbered where > 0, `empty_text` on white where 0."""
    z = [[n if n > 0 else None for n in row] for row in counts]
    text = [[str(n) if n > 0 else empty_text for n in row] for row in counts]
    hover = [[[escape(label), escape(column), str(n) if n > 0 else t("not_reported", lang)]
              for column, n in zip(columns, row)] for label, row in zip(row_labels, counts)]
    fig = go.Figure(go.Heatmap(z=z, x=list(range(len(columns))), y=list(range(len(row_ticks))), text=text,
                               texttemplate="%{text}", customdata=hover, hovertemplate=HOVER, xgap=2, ygap=2,
                               colorscale=[[0, LIGHT], [1, BLUE]], zmin=0, showscale=False, hoverongaps=True))
    _rows_axis(fig, row_ticks)
    # Many columns on a phone: vertical headers; a few: level, so they read at a glance.
    fig.update_xaxes(side="top", tickvals=list(range(len(columns))), ticktext=[escape(c) for c in columns],
                     tickangle=-90 if len(columns) > 3 else 0, showgrid=False)
    return fig


def _duration_ticks(low, high, lang):
    """(minutes, label) from the tick at or below `low` to the one at or above `high`, at most ~5."""
    minutes = [m for m, _, _ in DURATION_TICKS]
    first = max([i for i, m in enumerate(minutes) if m <= low], default=0)
    last = min([i for i, m in enumerate(minutes) if m >= high], default=len(minutes) - 1)
    gap = math.log10(minutes[last] / minutes[first]) / 4.5  # thin out so labels never collide on a phone
    chosen = [DURATION_TICKS[first]]
    for tick in DURATION_TICKS[first + 1:last]:
        if math.log10(tick[0] / chosen[-1][0]) >= gap and math.log10(minutes[last] / tick[0]) >= gap:
            chosen.append(tick)
    chosen.append(DURATION_TICKS[last])
    return [(m, zh if lang == "zh" else en) for m, zh, en in chosen]


def _rows_axis(fig, labels):
    """Rows by position, first on top: positions, not label text, so equal labels never merge."""
    fig.update_yaxes(tickvals=list(range(len(labels))), ticktext=list(labels), range=[len(labels) - 0.5, -0.5],
                     showgrid=False)


def _values(facts, lang):
    return format_values(facts, lang)


def _hover(facts, lang, labels):
    periods = [format_period(s, e, lang) for s, e in zip(facts["period_start"], facts["period_end"])]
    return [list(row) for row in zip([escape(label) for label in labels], _values(facts, lang), periods)]


def _periods(facts, lang):
    periods = (format_period(s, e, lang) for s, e in zip(facts["period_start"], facts["period_end"]))
    return " · ".join(dict.fromkeys(periods))


def _with_gaps(facts, hover, kind):
    """x, y and hover of a line that joins only periods that follow on: June to July, 2017 to 2018,
    or two year-to-date figures of one year. A line between June 2018 and May 2021 would read as a
    trend nobody published; Plotly breaks the line at a None."""
    x, y, rows = [], [], []
    previous = None
    for fact, row in zip(facts.itertuples(), hover):
        if previous is not None and not _follows(previous, fact, kind):
            x.append(None), y.append(None), rows.append(["", "", ""])
        x.append(fact.period_end), y.append(fact.value), rows.append(row)
        previous = fact
    return x, y, rows


def _label_sides(own: list[float], other: list[float], vertical: str) -> list[str]:
    """Per marker: centred on it, or (a long dumbbell) running inwards, towards the other end."""
    def side(mine, theirs):
        if abs(math.log10(mine) - math.log10(theirs)) <= LONG_DUMBBELL:
            return "center"
        return "right" if theirs > mine else "left"
    return [f"{vertical} {side(mine, theirs)}" for mine, theirs in zip(own, other)]


def _period_axis(fig, facts, lang, row=None):
    """Ticks at the published periods' ends, each worded as a period in the page's language ('2015年',
    '2018年11月' / 'Nov 2018'), over a range at least three months wide. Plotly's own date ticks are
    English on a Chinese page, and around a single point it zooms to a millisecond ('23:59:59.999')."""
    if facts.empty:
        return
    ticks = dict(zip(pd.to_datetime(facts["period_end"]),
                     (format_period(s, e, lang) for s, e in zip(facts["period_start"], facts["period_end"]))))
    ends = sorted(ticks)
    step = math.ceil(len(ends) / MAX_TIME_TICKS)
    shown = ends[::-1][::step][::-1]  # thinned from the newest, which is always labelled
    if any(len(text) > 6 for text in ticks.values()):  # 'Jan–Sep 2024': a year apart, two run into each other on a phone
        shown = _spaced(shown, (ends[-1] - ends[0]) / (MAX_TIME_TICKS - 1))
    pad = max((ends[-1] - ends[0]) * 0.05, pd.Timedelta(days=45))
    fig.update_xaxes(type="date", range=[ends[0] - pad, ends[-1] + pad], tickvals=shown,
                     ticktext=[wrap(ticks[end], 10) for end in shown], tickangle=0,
                     **({"row": row, "col": 1} if row else {}))


def _spaced(ends, gap):
    """From the newest back, each tick at least `gap` before the last one kept."""
    kept = [ends[-1]]
    for end in reversed(ends[:-1]):
        if kept[-1] - end >= gap:
            kept.append(end)
    return kept[::-1]


def _follows(previous, fact, kind) -> bool:
    if kind == "year_to_date":
        return fact.period_start == previous.period_start
    return pd.Timestamp(fact.period_start) == pd.Timestamp(previous.period_end) + pd.Timedelta(days=1)


def _segments(starts, ends):
    """x (or y) for one line trace of separate segments: start, end, gap, ..."""
    return [value for start, end in zip(starts, ends) for value in (start, end, None)]


def _source_ids(facts):
    ids = list(dict.fromkeys(facts["source"])) if "source" in facts else []
    return "; ".join(ids[:3]) + (f" +{len(ids) - 3}" if len(ids) > 3 else "")


def _text(key, lang):
    return t(f"chart.{key}", lang)
