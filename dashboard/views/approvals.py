"""Approval speed: before/after times on a log axis, speed-up factors, coverage rates."""
import streamlit as st

from dashboard import charts
from dashboard.data import (before_after_pairs, before_after_shown, facts_for, latest_per_indicator,
                            region_name, source_line, with_unit)
from dashboard.i18n import t
from dashboard.widgets import chart, metric_explorer, sections_not_reported, subject_page

PAGE = "approvals"

view, ds, metric = subject_page(PAGE, "apr.takeaway")
place = region_name(ds, view.region, view.lang)
pairs = before_after_pairs(ds, view.region)
approvals = latest_per_indicator(facts_for(ds, regions=[view.region], topic="approvals"))
factors, rates = with_unit(approvals, "times"), with_unit(approvals, "percent")
sections_not_reported(place, {"apr.before_after": pairs, "apr.factors": factors, "apr.rates": rates}, view.lang)

if not pairs.empty:
    st.subheader(f"{place} · {t('apr.before_after', view.lang)}")
    shown, quoted = before_after_shown(ds, view.region, view.lang)
    fig = charts.build_before_after(shown, view.lang, source_line=source_line(ds, pairs))
    chart(fig, quoted, ds, view.lang,
          charts.png_filename(PAGE, view.region, "before_after", view.lang))

for facts, key, build in ((factors, "apr.factors", charts.build_factors), (rates, "apr.rates", charts.build_rates)):
    if facts.empty:
        continue
    st.subheader(f"{place} · {t(key, view.lang)}")
    fig = build(facts, view.lang, title=t(key, view.lang), source_line=source_line(ds, facts))
    chart(fig, facts, ds, view.lang, charts.png_filename(PAGE, view.region, key.split(".")[1], view.lang))

metric_explorer(ds, view, metric, PAGE)
