"""The blocks pages are made of: for an area and a language, the query, the figure and the words.

Each chart's query and builder are named once, here; the subject pages and the overview draw the
same sections (the overview as small previews). Every section is computed once per (dataset
version, area, language, …) in the process's section cache (section_cache.py: least recently used out
first, within a budget in bytes), keyed on those plain values and kept packed; every caller unpacks its
own copy. A section is plain data (text, tuples, and its figure as Plotly JSON), so unpacking one takes
well under a millisecond (2 ms for /data's largest table); `st.cache_data` on Plotly figures had cost ~6 ms a rerun
(measured: +50 % of a page's script time).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.kernel.i18n import format_period, format_value, t, unit_label
from dashboard.kernel.model import Dataset
from dashboard.reading import charts
from dashboard.reading.labels import (
    ACCESSED, TABLE_HEAD, chart_rows, citations, facts_table, in_language, indicator_label, metric_cards,
    milestones, no_link_note, region_name, sector_name, source_line, source_notes_markdown, source_rows,
)
from dashboard.reading.previews import card_figure
from dashboard.reading.registry import BY_TOPIC
from dashboard.reading.section_cache import cached
from dashboard.reading.share_images import card_png
from dashboard.reading.url_state import View
from dashboard.reading.urls import RELATIVE
from dashboard.storing.queries import (
    NATIONAL, PERIOD_KINDS, approvals_with_unit, area_regions, before_after_pairs, coverage_counts,
    eight_point_facts, fact_record, facts_for, funnel_facts, headline_topics, national_eight_point, pair_quotes,
    period_count, period_kind, quoted, sector_facts_and_events, source_record, year_on_year,
)

PREVIEW_HEIGHT = 320


@dataclass(frozen=True)
class Section:
    """One block of a page: how many figures it shows (0: the area has not reported it) and the
    (source, quote) of each. No `figure` means no chart (cards, or nothing to draw)."""

    count: int
    quotes: tuple[tuple[str, str, str], ...] = ()  # (source, quote, fact id) per figure
    figure: str | None = None  # Plotly JSON of a figure a builder made (and Plotly validated)
    cards: tuple[tuple[str, str, str, str, str], ...] = ()  # (label, value as published, definition, 'period · source', link)
    notes: str = ""  # Markdown: each source once, with the quotes taken from it
    filename: str = ""  # the PNG download's name
    title: str = ""  # what it shows, for a 'not reported' note
    alt: str = ""  # the chart's title (and subtitle) as plain text: its name for a screen reader
    table_head: tuple[str, ...] = ()  # the chart's text alternative: exactly the rows it draws
    table: tuple[tuple[str, ...], ...] = ()  # (… cells, figure link or '') per row: the last cell links there

    @property
    def empty(self) -> bool:
        return self.count == 0


@dataclass(frozen=True)
class SectorDetail:
    id: str
    title: str  # '清廉学校 (3)', or '… · 未公布 / not reported'
    cards: tuple[tuple[str, str, str, str, str], ...]
    text: str  # Markdown: milestones, then sources and quotes


def _section(ds: Dataset, facts: pd.DataFrame, lang: str, fig: go.Figure | None = None, filename: str = "",
             cards: bool = False, title: str = "", drawn: pd.DataFrame | None = None,
             events: pd.DataFrame | None = None) -> Section:
    """`facts` (rows with source and locator) as a section: the figure as JSON, cards if asked, the notes.
    A chart's data table lists `drawn` (labelled facts; default `facts`) and `events`."""
    ids = facts["fact_id"] if "fact_id" in facts else [""] * len(facts)
    table = chart_rows(ds, facts if drawn is None else drawn, lang, events) if fig is not None else ()
    return Section(count=len(facts), quotes=tuple(zip(facts["source"], facts["locator"], ids)),
                   figure=None if fig is None else pio.to_json(fig, validate=False),
                   cards=tuple(metric_cards(facts, ds, lang)) if cards else (),
                   notes=source_notes_markdown(ds, facts, lang) if len(facts) else "", filename=filename, title=title,
                   alt=_alt(fig), table_head=tuple(t(key, lang) for key in TABLE_HEAD) if table else (), table=table)


def _alt(fig: go.Figure | None) -> str:
    """The figure's title and subtitle as one line of plain text (no <br>, no <span>)."""
    if fig is None or not fig.layout.title.text:
        return ""
    text = re.sub(r"<br\s*/?>", " ", fig.layout.title.text)
    subtitle = fig.layout.title.subtitle.text or ""
    return re.sub(r"<[^>]+>", "", f"{text}. {subtitle}" if subtitle else text).replace("  ", " ").strip()


def _height(preview: bool) -> dict:
    return {"height": PREVIEW_HEIGHT} if preview else {}


def _filename(page: str, region: str, what: str, lang: str, preview: bool = False) -> str:
    return charts.png_filename("overview", region, page, lang) if preview else charts.png_filename(page, region, what, lang)


HEADLINE_CARDS = 6  # per topic on the overview: the topic's page has the rest


@dataclass(frozen=True)
class Headline:
    topic: str
    cards: Section  # the first HEADLINE_CARDS of the topic's latest figures
    total: int  # how many the area has published for the topic


@cached
def headlines(ds: Dataset, region: str, lang: str) -> tuple[Headline, ...]:
    """The area's latest figure of each indicator, topic by topic: every topic it has published."""
    return tuple(Headline(topic, _section(ds, facts.head(HEADLINE_CARDS), lang, cards=True), len(facts))
                 for topic, facts in headline_topics(ds, region))


@cached
def funnel(ds: Dataset, region: str, lang: str, preview: bool = False) -> Section:
    """Clues handled → cases filed → people disciplined, for the latest period with all three."""
    facts = funnel_facts(ds, region)
    if facts.empty:
        return Section(0)
    fig = charts.build_funnel(facts, lang, source_line=source_line(ds, facts, lang), **_height(preview))
    return _section(ds, facts, lang, fig, _filename("enforcement", region, "funnel", lang, preview))


@cached
def eight_point(ds: Dataset, region: str, lang: str) -> Section:
    """The area's latest eight-point-rule figures, as cards."""
    return _section(ds, eight_point_facts(ds, region), lang, cards=True)


@cached
def national_periods(ds: Dataset, region: str) -> tuple[str, ...]:
    """The kinds of period (month, year to date, year) in which national eight-point cases were published,
    as context beside a city or county; none on the national view itself."""
    if region == NATIONAL:
        return ()
    kinds = set(national_eight_point(ds)["period_kind"])
    return tuple(kind for kind in PERIOD_KINDS if kind in kinds)


@cached
def national_context(ds: Dataset, lang: str, kind: str) -> Section:
    """Eight-point cases nationwide, one kind of period only: a year is never drawn beside a month."""
    national = national_eight_point(ds, kind)
    if national.empty:
        return Section(0)
    fig = charts.build_time_series(national, lang, title=f"{t('enf.national', lang)} · {t(f'chart.period.{kind}', lang)}",
                                   source_line=source_line(ds, national, lang))
    return _section(ds, national, lang, fig, charts.png_filename("enforcement", NATIONAL, f"eight_point_cases_{kind}", lang))


@cached
def national_years(ds: Dataset, lang: str, indicator: str) -> Section:
    """One enforcement measure nationwide, full years only, as a line with the unpublished years as gaps."""
    facts = facts_for(ds, indicators=[indicator], regions=[NATIONAL])
    years = facts[[period_kind(s, e) == "year" for s, e in zip(facts["period_start"], facts["period_end"])]]
    if len(years) < 2:
        return Section(0)
    label = indicator_label(ds, indicator, lang)
    fig = charts.build_time_series(years, lang, title=t("enf.national_years", lang, metric=label),
                                   source_line=source_line(ds, years, lang))
    return _section(ds, years, lang, fig, charts.png_filename("enforcement", NATIONAL, f"{indicator}_year", lang))


@cached
def national_change(ds: Dataset, lang: str) -> tuple[str, ...]:
    """The overview's national context: each measure's latest full year beside the full year before it."""
    facts = facts_for(ds, indicators=["cases_filed", "people_disciplined"], regions=[NATIONAL])
    lines = []
    for row in year_on_year(facts).itertuples():
        unit = facts.loc[facts["indicator"] == row.indicator, "unit"].iloc[0]
        sign = "+" if row.change > 0 else ""
        line = t("overview.national_change", lang, label=indicator_label(ds, row.indicator, lang), year=row.year,
                 value=format_value(row.value, "exact", unit, lang), previous_year=row.previous_year,
                 previous=format_value(row.previous_value, "exact", unit, lang),
                 change=sign + format_value(row.change, "exact", unit, lang), pct=f"{sign}{row.change_pct}%")
        gap = "" if row.consecutive else t("overview.national_gap", lang, year=row.year, previous_year=row.previous_year)
        lines.append(line + (" " if lang == "en" and gap else "") + gap)  # the years between, said in the same line
    return tuple(lines)


@cached
def offices(ds: Dataset, region: str, lang: str, indicator: str, preview: bool = False) -> Section:
    """One supervision indicator for the area and its neighbours; 'not reported' where a county has none.
    The page draws it even when no area has a figure; a preview then draws nothing."""
    regions = area_regions(ds, region)
    facts = facts_for(ds, indicators=[indicator], regions=list(regions["code"]))
    if preview and facts.empty:
        return Section(0)
    fig = charts.build_indicator_by_region(
        facts, regions, lang, indicator_label=indicator_label(ds, indicator, lang), selected=region,
        unit=facts["unit"].iloc[0] if len(facts) else "unit", source_line=source_line(ds, facts, lang) or t("not_reported", lang))
    return _section(ds, facts, lang, fig, _filename("supervision", region, indicator, lang, preview))


@cached
def before_after(ds: Dataset, region: str, lang: str, preview: bool = False) -> Section:
    """Durations before and after a reform, each pair a dumbbell on a log time axis; both figures quoted."""
    pairs = before_after_pairs(ds, region)
    if pairs.empty:
        return Section(0)
    quotes = pair_quotes(pairs)
    fig = charts.build_before_after(pairs.assign(measure_label=pairs[f"measure_label_{lang}"]), lang,
                                    source_line=source_line(ds, quotes, lang), **_height(preview))
    drawn = facts_for(ds, regions=[region])
    drawn = drawn.set_index("fact_id").loc[list(quotes["fact_id"])].reset_index()  # before, after, pair by pair
    return _section(ds, quotes, lang, fig, _filename("approvals", region, "before_after", lang, preview), drawn=drawn)


APPROVAL_BARS = {"factors": ("times", charts.build_factors), "rates": ("percent", charts.build_rates)}


@cached
def approval_bars(ds: Dataset, region: str, lang: str, kind: str) -> Section:
    """Speed-up factors ('factors') or coverage rates ('rates'): the latest figure of each."""
    unit, build = APPROVAL_BARS[kind]
    facts = approvals_with_unit(ds, region, unit)
    if facts.empty:
        return Section(0)
    fig = build(facts, lang, title=t(f"apr.{kind}", lang), source_line=source_line(ds, facts, lang))
    return _section(ds, facts, lang, fig, charts.png_filename("approvals", region, kind, lang))


@cached
def sector_matrix(ds: Dataset, region: str, lang: str, preview: bool = False) -> Section:
    """The six clean units × figures and milestones reported in the area."""
    facts, events = sector_facts_and_events(ds, region)
    quotes = quoted(facts, events)
    if quotes.empty:
        return Section(0)
    fig = charts.build_sector_matrix(ds.sectors, facts, events, lang, source_line=source_line(ds, quotes, lang))
    return _section(ds, quotes, lang, fig, _filename("sectors", region, "matrix", lang, preview), drawn=facts,
                    events=events)


@cached
def sector_details(ds: Dataset, region: str, lang: str) -> tuple[SectorDetail, ...]:
    """Per sector, in the sectors' order: its cards, milestones, sources and quotes."""
    facts, events = sector_facts_and_events(ds, region)
    details = []
    for sector in ds.sectors.itertuples():
        own_facts, own_events = facts[facts["sector"] == sector.id], events[events["sector"] == sector.id]
        count, name = len(own_facts) + len(own_events), getattr(sector, f"name_{lang}")
        text = []
        if not own_events.empty:
            text += [f"**{t('sec.milestones', lang)}**", "\n".join(f"- {line}" for line in milestones(own_events, lang))]
        if count:
            text += [f"**{t('sources', lang)}**", source_notes_markdown(ds, quoted(own_facts, own_events), lang)]
        details.append(SectorDetail(id=sector.id, title=f"{name} ({count})" if count else f"{name} · {t('not_reported', lang)}",
                                    cards=tuple(metric_cards(own_facts, ds, lang)), text="\n\n".join(text)))
    return tuple(details)


@cached
def metric(ds: Dataset, region: str, lang: str, indicator: str, page: str) -> tuple[Section, Section]:
    """The chosen metric: every nearby area's latest figure, and every period of the selected area."""
    label = indicator_label(ds, indicator, lang)
    regions = area_regions(ds, region)
    in_area = facts_for(ds, indicators=[indicator], regions=list(regions["code"]))
    by_region = Section(0, title=label)
    if not in_area.empty:
        drawn = charts.compared_facts(in_area, region)  # the bars are one period's: the source line names theirs
        fig = charts.build_indicator_by_region(
            in_area, regions, lang, indicator_label=t("metric.by_region", lang, metric=label), selected=region,
            unit=in_area["unit"].iloc[0], source_line=source_line(ds, drawn, lang))
        by_region = _section(ds, in_area, lang, fig, charts.png_filename(page, region, indicator, lang), title=label)
    own = in_area[in_area["region"] == region].reset_index(drop=True)  # the area holds the region: no second query
    over_time = Section(len(own))
    if period_count(own) > 1:
        fig = charts.build_time_series(own, lang, title=t("metric.over_time", lang, metric=label),
                                       source_line=source_line(ds, own, lang))
        over_time = _section(ds, own, lang, fig, charts.png_filename(page + "-series", region, indicator, lang))
    return by_region, over_time


@cached
def coverage(ds: Dataset, region: str, lang: str) -> Section:
    """Indicators × areas: how many figures each has published. It draws on every source: the source
    line names them by count and points to the list below, rather than a wall of text."""
    counts, indicators, regions = coverage_counts(ds, region)
    fig = charts.build_coverage_matrix(counts, indicators, regions, lang,
                                       source_line=t("data.coverage_sources", lang, sources=len(ds.sources)))
    # Its text alternative is the matrix itself: an indicator per row, a count per area ('—': none).
    grid = counts.reindex(index=indicators["id"], columns=regions["code"], fill_value=0)
    table = tuple((label, *(str(n) if n else "—" for n in row), "")
                  for label, row in zip(indicators[f"label_{lang}"], grid.to_numpy().tolist()))
    return Section(int(counts.to_numpy().sum()), figure=pio.to_json(fig, validate=False),
                   filename=charts.png_filename("data", "all", "coverage", lang), alt=_alt(fig),
                   table_head=(t("col.indicator", lang), *regions[f"name_{lang}"]), table=table)


@cached  # every caller gets its own copy (section_cache.unpack)
def area_table(ds: Dataset, region: str, lang: str, nearby: bool = False) -> pd.DataFrame:
    """The area's own facts, newest first, as a reader's table; with `nearby`, also those of the areas
    its pages draw beside it (a city's counties; a county's city and neighbours)."""
    return facts_table(ds, area_regions(ds, region)["code"] if nearby else [region], lang)


@cached
def previews(ds: Dataset, region: str, lang: str) -> tuple[tuple[str, Section], ...]:
    """(topic, its small chart) for the overview: the same sections as the pages draw."""
    return (("enforcement", funnel(ds, region, lang, preview=True)),
            ("supervision", offices(ds, region, lang, "supervision_offices", preview=True)),
            ("approvals", before_after(ds, region, lang, preview=True)),
            ("sectors", sector_matrix(ds, region, lang, preview=True)))


@cached
def overview_notes(ds: Dataset, region: str, lang: str) -> str:
    """Sources and quotes of every figure the overview shows, listed once at its end."""
    shown = [*(h.cards for h in headlines(ds, region, lang)), *(s for _, s in previews(ds, region, lang) if s.figure)]
    quotes = pd.DataFrame([q for section in shown for q in section.quotes], columns=["source", "locator", "fact_id"])
    return source_notes_markdown(ds, quotes, lang) if len(quotes) else ""


@dataclass(frozen=True)
class FigureRecord:
    """One figure, as its own page shows it: what was published, where, when, by whom, and how to cite it."""

    fact_id: str
    indicator: str  # its label
    value: str  # as published: '约3个月' / 'about 3 months'
    place_and_period: str
    details: tuple[tuple[str, str], ...]  # (what, text) rows: definition, qualifier, unit, …
    quote: str
    source: tuple[tuple[str, str], ...]  # (what, text) rows: publisher, title, date, link
    source_url: str
    no_link: str  # why the source has no link, from its row ('' when it has one)
    citation: tuple[str, str]  # GB/T 7714 (Chinese), and English, waiting for the day it is cited
    views: tuple[tuple[str, str], ...]  # (label, relative link) of the dashboard views that draw it

    def cited(self, day: date) -> tuple[str, str]:
        """The two references, accessed on `day` ('2026-11-29' in GB/T 7714; 'November 29, 2026' in English)."""
        zh, en = self.citation
        return zh.replace(ACCESSED, day.isoformat()), en.replace(ACCESSED, f"{day:%B} {day.day}, {day.year}")


@cached
def figure_record(ds: Dataset, fact_id: str, lang: str) -> FigureRecord | None:
    """The figure with this id, or None when the package has none."""
    fact = fact_record(ds, fact_id)
    if fact is None:
        return None
    source = source_record(ds, fact.source)
    place = region_name(ds, fact.region, lang)
    period = format_period(fact.period_start, fact.period_end, lang)
    page = BY_TOPIC.get(fact.topic)
    views = [(f"{t(f'page.{page.name}', lang)} · {place}",
              RELATIVE.page(page.name, View(lang, fact.region, metric=fact.indicator)))] if page else []
    views.append((f"{t('page.data', lang)} · {place}", RELATIVE.page("data", View(lang, fact.region))))
    return FigureRecord(
        fact_id=fact_id, indicator=getattr(fact, f"label_{lang}"),
        value=format_value(fact.value, fact.qualifier, fact.unit, lang, fact.unit_word), place_and_period=f"{place} · {period}",
        details=((t("col.definition", lang), getattr(fact, f"definition_{lang}")),
                 (t("col.qualifier", lang), t(f"qualifier.{fact.qualifier}", lang)),
                 (t("col.unit", lang), unit_label(fact.unit, lang)), (t("col.period", lang), period),
                 (t("col.region", lang), place), *([(t("col.sector", lang), sector_name(ds, fact.sector, lang))] if fact.sector else []),
                 *([(t("col.note_ours", lang), in_language(fact.note, lang))] if fact.note else [])),
        quote=fact.locator, source=source_rows(source, lang), source_url=str(source.get("url") or ""),
        no_link=no_link_note(source, lang),
        citation=citations(source), views=tuple(views))


@cached
def card(ds: Dataset, page: str, lang: str, region: str, metric: str | None, period: str | None,
         fact_id: str | None, share_url: str) -> bytes:
    """The card to post for a view (1080×1350 PNG, share_images.card_png), its QR code opening `share_url`;
    made once per view and address, on the reader's click (the download button's deferred data)."""
    view = View(lang=lang, region=region, metric=metric, period=period, fact_id=fact_id)
    return card_png(card_figure(ds, page, view), share_url)
