"""Small Streamlit building blocks shared by pages: metric cards and the source notes."""
from __future__ import annotations

from html import escape
from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard.data import Dataset, periods, source_record, sources_with_quotes
from dashboard.i18n import both, format_period, format_value, t
from dashboard.memo import memoized

# The fact cards' stylesheet (see fact_metrics and page_styles). Colours come from the text colour,
# so the cards follow Streamlit's light and dark themes; two cards a row on a phone.
CARDS_CSS = """<style>
.qc-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem}
.qc-card{border:1px solid color-mix(in srgb,currentColor 18%,transparent);border-radius:.5rem;padding:.75rem 1rem;margin:0}
.qc-card summary{font-size:.875rem;cursor:pointer;list-style:none;overflow-wrap:anywhere}
.qc-card summary::-webkit-details-marker{display:none}
.qc-card summary::after{content:" ⓘ";opacity:.55}
.qc-card details[open] summary::after{content:" ✕"}
.qc-def{font-size:.8rem;opacity:.75;margin:.25rem 0 0}
.qc-value{font-size:2.25rem;line-height:1.2;margin:.25rem 0}
.qc-meta{font-size:.8rem;opacity:.65;margin:0;overflow-wrap:anywhere}
@media (max-width:640px){.qc-grid{grid-template-columns:1fr 1fr;gap:.5rem}.qc-card{padding:.5rem .625rem}
.qc-value{font-size:1.5rem}.qc-meta,.qc-def{font-size:.75rem}}
</style>"""


def page_styles() -> None:
    """The cards' stylesheet, once per run for the whole page: a style-only st.html takes no room."""
    st.html(CARDS_CSS)


def fact_metrics(facts: pd.DataFrame, ds: Dataset, lang: str) -> None:
    """The facts as one grid of cards: label (tap it for the definition), value as published, period · source.

    One st.html element rather than an st.metric per fact in columns and bordered containers: the
    browser rebuilds every element on each filter change, and the overview's twelve such cards were
    the largest part of its lag behind the floor (docs/performance.md). The text is escaped here and
    Streamlit sanitizes st.html again; <details> shows the definition on a tap, without script.
    """
    st.html(cards_html(metric_cards(facts, ds, lang)))


def cards_html(cards: list[tuple[str, str, str, str]]) -> str:
    """The markup of fact_metrics: a list of cards, each definition behind its label."""
    items = "".join(
        f'<div class="qc-card" role="listitem"><details><summary>{escape(label)}</summary><p class="qc-def">{escape(definition)}</p>'
        f'</details><p class="qc-value">{escape(value)}</p><p class="qc-meta">{escape(caption)}</p></div>'
        for label, value, definition, caption in cards)
    return f'<div class="qc-grid" role="list">{items}</div>'


@memoized()
def metric_cards(facts: pd.DataFrame, ds: Dataset, lang: str) -> list[tuple[str, str, str, str]]:
    """(label, value as published, definition, 'period · source') per fact: the text of fact_metrics."""
    return [(getattr(fact, f"label_{lang}"), format_value(fact.value, fact.qualifier, fact.unit, lang),
             getattr(fact, f"definition_{lang}"),
             f"{format_period(fact.period_start, fact.period_end, lang)} · {t('source', lang)}: "
             f"{source_record(ds, fact.source)['publisher']}")
            for fact in facts.itertuples()]


# An undated milestone (date_precision "reported") carries the date of the report that mentions it.
REPORTED_BY = {"zh": "截至{month}报道", "en": "Reported by {month}"}


@memoized()
def milestones(events: pd.DataFrame, lang: str) -> list[str]:
    """'2018-06 · title' per event, dated as precisely as the source dates it (year, month or day);
    an undated one as 'Reported by Dec 2018 · title', so the report's date never reads as a start date."""
    return [f"{_when(event.date, event.date_precision, lang)} · {_plain(getattr(event, f'title_{lang}'))}"
            for event in events.itertuples()]


def _when(date: pd.Timestamp, precision: str, lang: str) -> str:
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return date.strftime("%Y-%m")
    if precision == "reported":  # '截至2018年12月报道' / 'Reported by Dec 2018'
        return REPORTED_BY[lang].format(month=format_period(date.replace(day=1), date + pd.offsets.MonthEnd(0), lang))
    return format_period(date, date, lang).replace("截至", "").replace("as of ", "")  # the day alone


def source_notes(facts: pd.DataFrame | list[pd.DataFrame], ds: Dataset, lang: str) -> None:
    """Under every chart or block: each source once, with the verbatim quotes it gave.
    `facts` may be several frames (a page's blocks), listed together under one expander."""
    with st.expander(t("sources", lang)):
        # One Markdown element for all of them: every element is a React subtree the browser
        # rebuilds on each filter change (profiled against the floor).
        st.markdown(source_notes_markdown(facts, ds, lang))


def source_notes_markdown(facts: pd.DataFrame | list[pd.DataFrame], ds: Dataset, lang: str) -> str:
    return "\n\n".join(source_note_lines(ds, facts, lang))


@memoized()
def source_note_lines(ds: Dataset, facts: pd.DataFrame | list[pd.DataFrame], lang: str) -> list[str]:
    """Per source, Markdown: publisher · 《title》 · date, its link, then the quotes, small and grey."""
    if isinstance(facts, list):
        facts = pd.concat([f[["source", "locator"]] for f in facts], ignore_index=True)
    notes = []
    for source, found in sources_with_quotes(ds, facts):
        parts = [source["publisher"], f"《{source['title']}》"]
        if source.get("date") is not None and not pd.isna(source["date"]):
            parts.append(pd.Timestamp(source["date"]).date().isoformat())
        lines = [" · ".join(_plain(p) for p in parts)]
        url = str(source.get("url", ""))
        if url.startswith(("https://", "http://")):
            lines.append(f"[{_plain(url[:60])}]({_link_target(url)})")
        quotes = "；".join(f"「{q}」" for q in found)
        lines.append(f":small[:gray[{t('quote', lang)}: {_plain(quotes)}]]")
        notes.append("  \n".join(lines))  # two spaces: a line break inside one paragraph
    return notes


def _link_target(url: str) -> str:
    # Percent-encode what could end a Markdown link target or open markup ( ) < > space " \ ` ;
    # a well-formed address is left as it is.
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def _plain(text: str) -> str:
    """Escape Markdown so text from data is shown as written, never as markup."""
    specials = "\\`*_{}[]()#+-.!|<>~$"
    return "".join(f"\\{c}" if c in specials else c for c in str(text))


def chart(fig, facts: pd.DataFrame, ds: Dataset, lang: str, filename: str, notes: bool = True) -> None:
    """A Plotly chart with Plotly's own PNG download (named), then its sources and quotes
    (unless the page lists them together: `notes=False`; the figure carries its source line anyway)."""
    config = {"displaylogo": False, "responsive": True,
              "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}
    st.plotly_chart(fig, width="stretch", config=config)
    if notes and not facts.empty:
        source_notes(facts, ds, lang)


def share_box(url: str, lang: str) -> None:
    """'分享 / Share': the full address of this view, with Streamlit's copy button."""
    label = both("share") if lang == "zh" else t("share", "en")
    with st.popover(label, icon=":material/share:"):
        st.caption(t("share.help", lang))
        st.code(url, language=None, wrap_lines=True)


def page_header(title: str, takeaway: str, share_url: str, lang: str) -> None:
    """Title, the one-line takeaway, and the share control: the top of every page."""
    st.title(title)
    st.caption(takeaway)
    share_box(share_url, lang)


def subject_page(page: str, takeaway_key: str):
    """The top of a subject page: (view, dataset, chosen metric), after the sidebar's metric and the header.
    `page` is both the URL path and the indicators' topic."""
    from dashboard import filters
    from dashboard.data import load_dataset

    view, ds = filters.current_view(), load_dataset()
    metric = filters.metric_select(ds, page, view.lang)
    page_header(t(f"page.{page}", view.lang), t(takeaway_key, view.lang), filters.share_url(page), view.lang)
    return view, ds, metric


def not_reported(what: str, lang: str) -> None:
    """Say plainly that nothing is published, instead of drawing an empty or zero chart."""
    st.info(f"{what}: {both('not_reported')}")


def sections_not_reported(place: str, sections: dict[str, pd.DataFrame], lang: str) -> None:
    """One note at the top naming every section of the page the area has not reported
    ('定海区 · 改革前后用时、提速倍数、覆盖率: 未公布'), rather than a heading and an empty box for each."""
    missing = [t(key, lang) for key, facts in sections.items() if facts.empty]
    if missing:
        not_reported(f"{place} · {('、' if lang == 'zh' else '; ').join(missing)}", lang)


def metric_explorer(ds: Dataset, view, metric: str | None, page: str) -> None:
    """The page's chosen metric: every area's latest figure, then every period of the selected area."""
    from dashboard import charts
    from dashboard.data import area_regions, facts_for, indicator_label, source_line

    st.subheader(t("metric.section", view.lang))
    if metric is None:
        st.caption(t("metric.none", view.lang))
        return
    label = indicator_label(ds, metric, view.lang)
    regions = area_regions(ds, view.region)
    in_area = facts_for(ds, indicators=[metric], regions=list(regions["code"]))
    if in_area.empty:
        not_reported(label, view.lang)
    else:
        fig = charts.build_indicator_by_region(
            in_area, regions, view.lang, indicator_label=t("metric.by_region", view.lang, metric=label),
            unit=in_area["unit"].iloc[0], source_line=source_line(ds, in_area))
        chart(fig, in_area, ds, view.lang, charts.png_filename(page, view.region, metric, view.lang))
    own = facts_for(ds, indicators=[metric], regions=[view.region])
    if periods(own) > 1:
        fig = charts.build_time_series(own, view.lang, title=t("metric.over_time", view.lang, metric=label),
                                       source_line=source_line(ds, own))
        chart(fig, own, ds, view.lang, charts.png_filename(page + "-series", view.region, metric, view.lang))
