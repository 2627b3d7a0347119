"""Supervision: township supervision offices and cadres per county, and county context."""
import streamlit as st

from dashboard.reading import filters
from dashboard.reading import sections
from dashboard.kernel.i18n import t
from dashboard.reading.labels import region_name
from dashboard.reading.widgets import chart, heading, metric_explorer, page_header

PAGE = "supervision"
OFFICES = ("supervision_offices", "supervision_cadres")

view, ds = filters.current_view(), filters.current_dataset()
metric = filters.metric_select(ds, PAGE, view.lang)
page_header(t(f"page.{PAGE}", view.lang), t("sup.takeaway", view.lang), view.lang,
            region_name(ds, view.region, view.lang))
shared = filters.share_url(PAGE)  # the view so far, for the notes' "report an error" links

heading(t("sup.offices", view.lang))
for indicator in OFFICES:  # drawn even where nothing is published: the bars say 未公布 per area
    chart(sections.offices(ds, view.region, view.lang, indicator), view.lang, shared)

metric_explorer(sections.metric(ds, view.region, view.lang, metric, PAGE) if metric else None, view.lang, shared)
