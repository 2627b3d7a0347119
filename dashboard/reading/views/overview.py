"""Overview: the selected district's headline enforcement figures, one small chart per topic, sources."""
import streamlit as st

from dashboard.kernel.i18n import t
from dashboard.reading import sections
from dashboard.reading.context import handed
from dashboard.reading.labels import headline_groups, plain, region_name
from dashboard.reading.registry import BY_TOPIC
from dashboard.reading.widgets import card_groups, chart, heading, not_reported, page_header, source_notes

ctx = handed()
view, ds = ctx.view, ctx.dataset
place = region_name(ds, view.region, view.lang)

page_header(t("app.title", view.lang), t("app.tagline", view.lang), view.lang, place)

heading(f"{place} · {t('overview.headline', view.lang)}")
headlines = sections.headlines(ds, view.region, view.lang)
if not headlines:
    st.info(t("overview.none", view.lang, region=place))
else:
    st.caption(t("overview.headline_caption", view.lang))
    card_groups(headline_groups(headlines, view, ctx.urls))  # every topic the area published, under its name

st.divider()
heading(t("overview.topics", view.lang))
left, right = st.columns(2)
for column, (topic, preview) in zip([left, right, left, right], sections.previews(ds, view.region, view.lang)):
    title = t(f"page.{BY_TOPIC[topic].name}", view.lang)
    with column:
        if preview.figure:
            chart(preview, view.lang, notes=False)  # their sources are listed once, at the end
        else:
            not_reported(title, view.lang)
        st.page_link(BY_TOPIC[topic].file, label=t("overview.open", view.lang, page=title), icon=":material/arrow_forward:")

change = sections.national_change(ds, view.lang)
if change:  # the country's latest full year beside the one before, with the change
    st.divider()
    heading(t("overview.national_heading", view.lang))
    st.markdown("\n".join(f"- {plain(line)}" for line in change))

st.divider()
source_notes(sections.overview_notes(ds, view.region, view.lang), view.lang)
st.caption(t("overview.holdings", view.lang, facts=ds.store.count(), events=len(ds.events), sources=len(ds.sources)))
