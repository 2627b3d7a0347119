"""One figure's own page (`/figure?id=<fact id>`): the value as published, its definition, the quote,
the source, a reference ready to copy, and the dashboard views that draw it."""
from datetime import date

import streamlit as st

from dashboard.kernel.i18n import t
from dashboard.reading import comparisons, sections
from dashboard.reading.change_record import history_lines, is_withdrawn
from dashboard.reading.context import handed
from dashboard.reading.controls import printable
from dashboard.reading.labels import link_target, plain
from dashboard.reading.registry import BY_NAME
from dashboard.reading.widgets import card_download, heading, page_header

ctx = handed()
view, ds = ctx.view, ctx.dataset
fact_id = view.fact_id or ""
record = sections.figure_record(ds, fact_id, view.lang)
history = history_lines(ds, fact_id, view.lang)


def show_history() -> None:
    """Old value → new value with the reason, for a figure that has been changed since it was published."""
    heading(t("figure.history", view.lang))
    st.caption(t("figure.history_help", view.lang))
    st.markdown("\n".join(f"- {plain(line)}" for line in history))


if record is None and is_withdrawn(ds, fact_id):
    page_header(t("figure.withdrawn_title", view.lang), "", view.lang)
    st.warning(t("figure.withdrawn", view.lang), icon=":material/remove_circle:")
    show_history()
    st.stop()
if record is None:
    page_header(t("figure.missing_title", view.lang), "", view.lang)
    st.info(t("figure.missing", view.lang, id=f"`{printable(fact_id[:80])}`"), icon=":material/search_off:")
    st.page_link(BY_NAME["data"].file, label=t("page.data", view.lang), icon=":material/table:")
    st.stop()

page_header(record.indicator, record.place_and_period, view.lang)
st.metric(t("col.as_published", view.lang), record.value)
st.markdown("\n".join(f"- **{plain(what)}**: {plain(text)}" for what, text in record.details))
rate, beside = comparisons.figure_rate_and_comparisons(ds, fact_id, view.lang)
if rate:  # the arithmetic, with the census row it divides by
    st.markdown(f"- **{t('figure.per_100k', view.lang)}**: {plain(rate)}")
if beside:
    heading(t("cmp.heading", view.lang))
    st.markdown("\n".join(f"- {plain(line)}" for line in beside))

heading(t("figure.quote", view.lang))
st.markdown(f"> 「{plain(record.quote)}」")

heading(t("figure.source", view.lang))
source = [f"- **{plain(what)}**: {plain(text)}" for what, text in record.source]
if record.source_url.startswith(("https://", "http://")):
    source.append(f"- [{plain(record.source_url)}]({link_target(record.source_url)})")
st.markdown("\n".join(source))
if record.no_link:
    st.info(plain(record.no_link), icon=":material/link_off:")

card_download(ds, "figure", view, ctx.share_url())

heading(t("figure.cite", view.lang))
st.caption(t("figure.cite_help", view.lang))
for reference in record.cited(date.today()):
    st.code(reference, language=None, wrap_lines=True)

heading(t("figure.views", view.lang))
st.markdown("\n".join(f"- [{plain(label)}]({target})" for label, target in record.views))
report = ctx.urls.report([record.fact_id], ctx.share_url(), view.lang)
if report:
    st.markdown(f"[{t('report', view.lang)}]({report})")
if history:
    show_history()
