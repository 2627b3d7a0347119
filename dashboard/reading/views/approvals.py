"""Approval speed: before/after times on a log axis, speed-up factors, coverage rates."""
import streamlit as st

from dashboard.reading import filters
from dashboard.reading import sections
from dashboard.kernel.i18n import t
from dashboard.reading.labels import region_name
from dashboard.reading.widgets import chart, heading, metric_explorer, page_header, sections_not_reported

PAGE = "approvals"

view, ds = filters.current_view(), filters.current_dataset()
metric = filters.metric_select(ds, PAGE, view.lang)
place = region_name(ds, view.region, view.lang)
page_header(t(f"page.{PAGE}", view.lang), t("apr.takeaway", view.lang), view.lang, place)
shared = filters.share_url(PAGE)  # the view so far, for the notes' "report an error" links
shown = {"apr.before_after": sections.before_after(ds, view.region, view.lang),
         "apr.factors": sections.approval_bars(ds, view.region, view.lang, "factors"),
         "apr.rates": sections.approval_bars(ds, view.region, view.lang, "rates")}
sections_not_reported(place, shown, view.lang)

for key, section in shown.items():
    if not section.empty:
        heading(f"{place} · {t(key, view.lang)}")
        chart(section, view.lang, shared)

metric_explorer(sections.metric(ds, view.region, view.lang, metric, PAGE) if metric else None, view.lang, shared)
