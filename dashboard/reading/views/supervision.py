"""Supervision: township supervision offices and cadres per county, and county context."""

from dashboard.kernel.i18n import t
from dashboard.reading import sections
from dashboard.reading.context import handed
from dashboard.reading.labels import region_name
from dashboard.reading.widgets import chart, heading, metric_explorer, page_header

OFFICES = ("supervision_offices", "supervision_cadres")

ctx = handed()
view, ds, metric = ctx.view, ctx.dataset, ctx.view.metric
page_header(t(f"page.{ctx.page.name}", view.lang), t("sup.takeaway", view.lang), view.lang,
            region_name(ds, view.region, view.lang))
shared = ctx.share_url()  # for the notes' "report an error" links

heading(t("sup.offices", view.lang))
for indicator in OFFICES:  # drawn even where nothing is published: the bars say 未公布 per area
    chart(sections.offices(ds, view.region, view.lang, indicator), view.lang, shared)

metric_explorer(sections.metric(ds, view.region, view.lang, metric, ctx.page.name) if metric else None, view.lang, shared)
