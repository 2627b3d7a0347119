"""The one chart frame every builder ends in, and what it shares with them: a title that says what the
chart shows, a subtitle (units, period) and a source line that travels inside a downloaded PNG;
the template, font and colours; a framed figure wrapped again for another width (`refit`) or
rebuilt from its JSON (`from_json`); a PNG's file name. Builders are in charts.py.
"""
from __future__ import annotations

import html
import json
import re

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.kernel.i18n import t
from dashboard.reading.text_layout import text_px, wrap

# plotly_white without its 3-D, polar, map and unused trace defaults. The template travels inside
# every figure: Streamlit walks and serialises it on each rerun and the browser parses it, and
# four fifths of it (profiled: most of st.plotly_chart's time) served chart types never drawn here.
_WHITE = pio.templates["plotly_white"]
TEMPLATE = go.layout.Template(
    layout={key: _WHITE.layout[key] for key in ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel",
                                              "paper_bgcolor", "plot_bgcolor", "xaxis", "yaxis",
                                              "annotationdefaults", "shapedefaults", "title")},
    data={"bar": _WHITE.data.bar, "heatmap": _WHITE.data.heatmap, "scatter": _WHITE.data.scatter},
)
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# GREY is for text (subtitles, source lines, the 'before' labels): 5.3:1 on white, WCAG AA's 4.5:1 and more.
INK, GREY, GRID, BLUE, LIGHT = "#222222", "#6b6b6b", "#e9e9e9", "#2c6e9b", "#c9dcea"
PALE = "#7097b5"  # the areas beside the chosen one: 3.1:1 on white (WCAG 1.4.11), dark text on it 5.1:1

# Pixel budget of the frame. Plotly's automargin is off (it draws every chart twice to measure its
# labels: profiled, half of Plotly's time on a filter change), so label widths are estimated here.
# TOP_PAD leaves the strip above the title to the chart's toolbar (Plotly's camera, Streamlit's full-screen
# button), so a long title never runs under it, however narrow the window.
TOP_PAD, TITLE_LINE, SUBTITLE_LINE, AXIS_PX, LEGEND_PX, SOURCE_LINE, ROW_PX = 34, 24, 17, 30, 30, 15, 48
MIN_PLOT_PX = 160  # the plot area's least height, whatever the text around it
RAISED_PER_LINE = 12  # Plotly draws a wrapped title this much higher per extra line (measured in Chromium)
# Plotly does not wrap text: columns (a CJK character is two) of the title, subtitle and source line
# that fit a phone (~360 px), and a chart half a desktop wide or more: an overview column of a 1366-px desktop
# is ~440 px of chart, where a 17-px bold title fits 48 columns (at 56 the funnel's title ran past its edge).
WRAP_COLUMNS = {"phone": (40, 54, 60), "wide": (48, 80, 84)}


def frame_figure(fig: go.Figure, *, title: str, subtitle: str = "", source_line: str, lang: str,
                 height: int = 360, rows: int | None = None, fit: str = "phone") -> go.Figure:
    """The one chart frame: title, subtitle, source at the bottom-left, margins for the labels.
    With `rows` (bar charts), the height is the frame plus ROW_PX a row, so a bar is as thick
    in a one-row chart as in a ten-row one. Text wraps for a phone, or (`fit="wide"`) for a chart
    at least half a desktop wide; `refit` wraps a framed figure again for the other."""
    if not str(source_line).strip():
        raise ValueError("frame_figure: every chart needs a source line; got an empty source_line")
    frame = dict(title=title, subtitle=subtitle, source_line=source_line, lang=lang, height=height, rows=rows)
    title_columns, subtitle_columns, source_columns = WRAP_COLUMNS[fit]
    title_html, subtitle_html = wrap(title, title_columns), wrap(subtitle, subtitle_columns) if subtitle else ""
    source_html = wrap(f"{t('source', lang)}: {source_line}", source_columns)
    legend, labels_px = _shows_legend(fig), _row_labels_px(fig)
    source_px = SOURCE_LINE * (source_html.count("<br>") + 1) + 6
    bottom = AXIS_PX + source_px + (LEGEND_PX if legend else 0)
    title_pad = TOP_PAD + RAISED_PER_LINE * title_html.count("<br>")
    top = title_pad + TITLE_LINE * (title_html.count("<br>") + 1) + 20 + _top_axis_px(fig)
    if subtitle_html:
        top += SUBTITLE_LINE * (subtitle_html.count("<br>") + 1)
    if rows is not None:
        height = top + bottom + ROW_PX * max(rows, 1)
    else:  # a long title or source line takes its lines from the plot, never all of it (Plotly then draws none)
        height = max(height, top + bottom + MIN_PLOT_PX)
    # Annotations can only be placed relative to the plot area, so shift back over the row labels.
    source = dict(text=source_html, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="bottom",
                  xshift=-labels_px, yshift=-bottom + 2, showarrow=False, align="left",
                  font=dict(size=11, color=GREY), name="source")
    layout = _merged(fig.layout.to_plotly_json(), dict(
        template=TEMPLATE, autosize=True, height=height, showlegend=legend, dragmode=False,
        font=dict(family=FONT, size=12, color=INK), hoverlabel=dict(font=dict(family=FONT)),
        paper_bgcolor="white", plot_bgcolor="white", margin=dict(l=8 + labels_px, r=16, t=top, b=bottom),
        title=dict(text=title_html, x=0, xref="container", xanchor="left", yref="container", y=1,
                   yanchor="top", pad=dict(t=title_pad, l=8), font=dict(size=17, weight=600),
                   subtitle=dict(text=subtitle_html, font=dict(size=12, color=GREY))),
        legend=dict(orientation="h", x=0, xanchor="left", xref="container", yref="container",
                    y=source_px / height, yanchor="bottom", title=dict(text="")),
        # Fixed ranges let a phone scroll past the chart instead of zooming into it.
        xaxis=dict(gridcolor=GRID, zeroline=False, automargin=False, fixedrange=True),
        yaxis=dict(gridcolor=GRID, zeroline=False, automargin=False, fixedrange=True, ticklabelstandoff=4),
        # Framing twice (a page re-titling a built chart) must not stack two source lines.
        annotations=[*(note for note in fig.layout.annotations if note.name != "source"), source],
        meta=dict(frame=frame),  # what `refit` frames again with other wrapping
    ))
    # A new figure around the same traces, its layout not validated again: validating it (the template
    # above all) was a third of a district change at national scale (profiled with py-spy, #32), and
    # every value in it is written just above. tests/unit/reading/test_chart_frame.py validates framed
    # figures, so a wrong key still fails there.
    return go.Figure({"data": [trace.to_plotly_json() for trace in fig.data], "layout": layout}, _validate=False)


def refit(fig: go.Figure, fit: str) -> go.Figure:
    """The framed figure's title, subtitle and source wrapped again for `fit` ('phone' or 'wide')."""
    return frame_figure(fig, **fig.layout.meta["frame"], fit=fit)


def from_json(spec: str) -> go.Figure:
    """A new figure from the Plotly JSON of one a builder made (and Plotly validated then), without
    validating it again: that costs ~4 ms a chart on every rerun (measured), and the text cannot
    have changed. Plotly loads its own templates the same way."""
    return go.Figure(json.loads(spec), _validate=False)


def _merged(base: dict, update: dict) -> dict:
    """`base` with `update` laid over it, nested dicts merged key by key (as update_layout does)."""
    merged = dict(base)
    for key, value in update.items():
        nested = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merged(merged[key], value) if nested else value
    return merged


def png_filename(page: str, region_code: str, metric: str, lang: str) -> str:
    """'qinglian_enforcement_330900_clues_handled_zh': letters, digits, '_' and '-' only."""
    parts = [re.sub(r"[^a-z0-9_]+", "-", str(part).lower()).strip("-_") for part in
             ("qinglian", page, region_code, metric, lang)]
    return "_".join(part for part in parts if part)[:120]


def _row_labels_px(fig):
    """Estimated width of the y-axis labels (ticktext, or a funnel's stage names)."""
    ticks = fig.layout.yaxis.ticktext or [y for trace in fig.data if trace.type == "funnel" for y in trace.y]
    lines = [line for tick in ticks for line in html.unescape(str(tick)).split("<br>")]
    return round(max((text_px(line) for line in lines), default=30) + 8)


def _top_axis_px(fig):
    """Room for column headers drawn above the plot (the matrices), below the title."""
    axis = fig.layout.xaxis
    if axis.side != "top":
        return 0
    longest = max((text_px(html.unescape(str(tick))) for tick in axis.ticktext or []), default=0)
    return round(10 + longest) if axis.tickangle == -90 else 22


def _shows_legend(fig):
    if fig.layout.showlegend is not None:
        return bool(fig.layout.showlegend)
    return sum(trace.showlegend is not False for trace in fig.data) > 1
