"""Approval speed: before/after times on a log axis, speed-up factors, coverage rates."""
import streamlit as st

from dashboard import charts
from dashboard.data import (before_after_pairs, before_after_shown, facts_for, latest_per_indicator,
                            region_name, source_line, with_unit)
from dashboard.i18n import t
from dashboard.widgets import chart, metric_explorer, not_reported, subject_page

PAGE = "approvals"

view, ds, metric = subject_page(PAGE, "apr.takeaway")
place = region_name(ds, view.region, view.lang)

st.subheader(f"{place} · {t('apr.before_after', view.lang)}")
pairs = before_after_pairs(ds, view.region)
if pairs.empty:
    not_reported(t("apr.before_after", view.lang), view.lang)
else:
    shown, quoted = before_after_shown(ds, view.region, view.lang)
    fig = charts.build_before_after(shown, view.lang, source_line=source_line(ds, pairs))
    chart(fig, quoted, ds, view.lang,
          charts.png_filename(PAGE, view.region, "before_after", view.lang))

approvals = latest_per_indicator(facts_for(ds, regions=[view.region], topic="approvals"))
for unit, key, build in (("times", "apr.factors", charts.build_factors), ("percent", "apr.rates", charts.build_rates)):
    st.subheader(f"{place} · {t(key, view.lang)}")
    facts = with_unit(approvals, unit)
    if facts.empty:
        not_reported(t(key, view.lang), view.lang)
        continue
    fig = build(facts, view.lang, title=t(key, view.lang), source_line=source_line(ds, facts))
    chart(fig, facts, ds, view.lang, charts.png_filename(PAGE, view.region, key.split(".")[1], view.lang))

metric_explorer(ds, view, metric, PAGE)
