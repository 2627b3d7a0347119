"""Enforcement: clues → cases → sanctions, eight-point-rule cases, and every enforcement metric."""
import streamlit as st

from dashboard import charts
from dashboard.data import facts_for, funnel_facts, latest_per_indicator, region_name, source_line
from dashboard.i18n import t
from dashboard.widgets import chart, fact_metrics, metric_explorer, sections_not_reported, source_notes, subject_page

PAGE = "enforcement"
EIGHT_POINT = ("eight_point_cases", "eight_point_people_handled", "eight_point_people_disciplined")
NATIONAL = "100000"

view, ds, metric = subject_page(PAGE, "enf.takeaway")
place = region_name(ds, view.region, view.lang)
funnel = funnel_facts(ds, view.region)
eight = latest_per_indicator(facts_for(ds, indicators=EIGHT_POINT, regions=[view.region]), order=EIGHT_POINT)
sections_not_reported(place, {"enf.funnel": funnel, "enf.eight_point": eight}, view.lang)

if not funnel.empty:
    st.subheader(f"{place} · {t('enf.funnel', view.lang)}")
    fig = charts.build_funnel(funnel, view.lang, source_line=source_line(ds, funnel))
    chart(fig, funnel, ds, view.lang, charts.png_filename(PAGE, view.region, "funnel", view.lang))

if not eight.empty:
    st.subheader(f"{place} · {t('enf.eight_point', view.lang)}")
    fact_metrics(eight, ds, view.lang)
    source_notes(eight, ds, view.lang)

national = facts_for(ds, indicators=["eight_point_cases"], regions=[NATIONAL])
if view.region != NATIONAL and len(national) > 1:
    fig = charts.build_time_series(national, view.lang, title=t("enf.national", view.lang),
                                   source_line=source_line(ds, national))
    chart(fig, national, ds, view.lang, charts.png_filename(PAGE, NATIONAL, "eight_point_cases", view.lang))

metric_explorer(ds, view, metric, PAGE)
