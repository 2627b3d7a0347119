"""Sector adoption: the six 清廉单元, what figures and milestones each has reported."""
import streamlit as st

from dashboard.kernel.i18n import t
from dashboard.reading import controls, sections
from dashboard.reading.context import handed
from dashboard.reading.labels import region_name
from dashboard.reading.widgets import cards, chart, metric_explorer, not_reported, page_header

ctx = handed()
view, ds, metric = ctx.view, ctx.dataset, ctx.view.metric
page_header(t(f"page.{ctx.page.name}", view.lang), t("sec.takeaway", view.lang), view.lang,
            region_name(ds, view.region, view.lang))
shared = ctx.share_url()  # for the notes' "report an error" links

matrix = sections.sector_matrix(ds, view.region, view.lang)
if matrix.empty:  # nothing on any sector here: one note, not six empty sectors to open
    not_reported(t("page.sectors", view.lang), view.lang)
    controls.hold_sectors()  # a sector the link opened stays in it, for the next area
else:
    chart(matrix, view.lang, shared)
    details = sections.sector_details(ds, view.region, view.lang)
    controls.opened_sectors([sector.id for sector in details])
    opened = []
    for sector in details:
        # A closed sector's cards and notes are neither built nor sent (Streamlit runs a tracked
        # expander lazily); an opened one is in the link (?sector=schools) and reopens from it.
        with st.expander(sector.title, key=controls.sector_key(sector.id), on_change="rerun") as section:
            if not section.open:
                continue
            opened.append(sector.id)
            if sector.cards:
                st.markdown(f"**{t('sec.figures', view.lang)}**")
                cards(sector.cards)
            if sector.text:  # milestones and sources in one Markdown element, inside this expander
                st.markdown(sector.text)
    controls.hold_sectors(opened)

metric_explorer(sections.metric(ds, view.region, view.lang, metric, ctx.page.name) if metric else None, view.lang, shared)
