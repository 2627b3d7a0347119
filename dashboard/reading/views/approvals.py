"""Approval speed: before/after times on a log axis, speed-up factors, coverage rates."""

from dashboard.kernel.i18n import t
from dashboard.reading import sections
from dashboard.reading.context import handed
from dashboard.reading.labels import region_name
from dashboard.reading.widgets import chart, heading, metric_explorer, page_header, sections_not_reported

ctx = handed()
view, ds, metric = ctx.view, ctx.dataset, ctx.view.metric
place = region_name(ds, view.region, view.lang)
page_header(t(f"page.{ctx.page.name}", view.lang), t("apr.takeaway", view.lang), view.lang, place)
shared = ctx.share_url()  # for the notes' "report an error" links
shown = {"apr.before_after": sections.before_after(ds, view.region, view.lang),
         "apr.factors": sections.approval_bars(ds, view.region, view.lang, "factors"),
         "apr.rates": sections.approval_bars(ds, view.region, view.lang, "rates")}
sections_not_reported(place, shown, view.lang)

for key, section in shown.items():
    if not section.empty:
        heading(f"{place} · {t(key, view.lang)}")
        chart(section, view.lang, shared)

metric_explorer(sections.metric(ds, view.region, view.lang, metric, ctx.page.name) if metric else None, view.lang, shared)
