"""Supervision: township supervision offices and cadres per county, and county context."""
import streamlit as st

from dashboard import charts
from dashboard.data import area_regions, facts_for, indicator_label, source_line
from dashboard.i18n import t
from dashboard.widgets import chart, metric_explorer, subject_page

PAGE = "supervision"
OFFICES = ("supervision_offices", "supervision_cadres")

view, ds, metric = subject_page(PAGE, "sup.takeaway")

st.subheader(t("sup.offices", view.lang))
regions = area_regions(ds, view.region)
for indicator in OFFICES:
    facts = facts_for(ds, indicators=[indicator], regions=list(regions["code"]))
    label = indicator_label(ds, indicator, view.lang)
    unit = facts["unit"].iloc[0] if len(facts) else "unit"
    fig = charts.build_indicator_by_region(facts, regions, view.lang, indicator_label=label, unit=unit,
                                           source_line=source_line(ds, facts) or t("not_reported", view.lang))
    chart(fig, facts, ds, view.lang, charts.png_filename(PAGE, view.region, indicator, view.lang))

metric_explorer(ds, view, metric, PAGE)
