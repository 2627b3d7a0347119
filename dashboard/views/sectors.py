"""Sector adoption: the six 清廉单元, what figures and milestones each has reported."""
import streamlit as st

from dashboard import charts
from dashboard.data import sector_facts_and_events, sector_quotes, sector_sections, source_line
from dashboard.i18n import both, t
from dashboard.widgets import (chart, fact_metrics, metric_explorer, milestones, not_reported, source_notes_markdown,
                               subject_page)

PAGE = "sectors"

view, ds, metric = subject_page(PAGE, "sec.takeaway")

facts, events = sector_facts_and_events(ds, view.region)
matrix_quotes = sector_quotes(ds, view.region)
if matrix_quotes.empty:
    not_reported(t("page.sectors", view.lang), view.lang)
else:
    fig = charts.build_sector_matrix(ds.sectors, facts, events, view.lang, source_line=source_line(ds, matrix_quotes))
    chart(fig, matrix_quotes, ds, view.lang, charts.png_filename(PAGE, view.region, "matrix", view.lang))

for sector, own_facts, own_events, quoted in sector_sections(ds, view.region):
    count = len(own_facts) + len(own_events)
    title = f"{getattr(sector, f'name_{view.lang}')} ({count})" if count else \
        f"{getattr(sector, f'name_{view.lang}')} · {both('not_reported')}"
    # Bound to the URL (?sector_schools=true): a shared link reopens the same sector, and a closed
    # sector's cards and notes are neither built nor sent (Streamlit runs a tracked expander lazily).
    with st.expander(title, key=f"sector_{sector.id}", bind="query-params") as section:
        if not section.open:
            continue
        if not own_facts.empty:
            st.markdown(f"**{t('sec.figures', view.lang)}**")
            fact_metrics(own_facts, ds, view.lang)
        # Milestones and sources as one Markdown element, inside this expander rather than a nested one.
        text = []
        if not own_events.empty:
            text += [f"**{t('sec.milestones', view.lang)}**", "\n".join(f"- {line}" for line in milestones(own_events, view.lang))]
        if count:
            text += [f"**{t('sources', view.lang)}**", source_notes_markdown(quoted, ds, view.lang)]
        if text:
            st.markdown("\n\n".join(text))

metric_explorer(ds, view, metric, PAGE)
