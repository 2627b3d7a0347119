"""Enforcement: clues → cases → sanctions, eight-point-rule cases, and every enforcement metric."""

import streamlit as st

from dashboard.kernel.i18n import t
from dashboard.reading import comparisons, controls, sections
from dashboard.reading.context import handed
from dashboard.reading.labels import plain, region_name
from dashboard.reading.widgets import card_block, chart, heading, metric_explorer, page_header, sections_not_reported

ctx = handed()
view, ds, metric = ctx.view, ctx.dataset, ctx.view.metric
place = region_name(ds, view.region, view.lang)
page_header(t(f"page.{ctx.page.name}", view.lang), t("enf.takeaway", view.lang), view.lang, place)
shared = ctx.share_url()  # for the notes' "report an error" links
funnel = sections.funnel(ds, view.region, view.lang)
eight = sections.eight_point(ds, view.region, view.lang)
sections_not_reported(place, {"enf.funnel": funnel, "enf.eight_point": eight}, view.lang)

if not funnel.empty:
    heading(f"{place} · {t('enf.funnel', view.lang)}")
    chart(funnel, view.lang, shared)

if not eight.empty:
    heading(f"{place} · {t('enf.eight_point', view.lang)}")
    card_block(eight, view.lang, shared)

kinds = sections.national_periods(ds, view.region)
years = [s for s in (sections.national_years(ds, view.lang, i) for i in ("cases_filed", "people_disciplined")) if not s.empty]
if kinds or years:  # the country's series as context (on the national view too: its own years)
    heading(t("enf.national_heading", view.lang))
if kinds:  # beside a city or county, the country's monthly (or yearly) eight-point figures
    period = controls.period_select(kinds, view.lang)
    chart(sections.national_context(ds, view.lang, period), view.lang, shared)
for series in years:  # cases filed and people disciplined, full years, unpublished years as gaps
    chart(series, view.lang, shared)

beside = comparisons.area_comparisons(ds, view.region, view.lang)
if beside:  # the same measure and period side by side, or why not
    heading(t("cmp.heading", view.lang))
    st.caption(t("cmp.help", view.lang))
    st.markdown("\n".join(f"- {plain(line)}" for line in beside))  # data's words, Markdown escaped

metric_explorer(sections.metric(ds, view.region, view.lang, metric, ctx.page.name) if metric else None, view.lang, shared)
