"""Overview: the selected district's headline enforcement figures, each with period and source."""
import streamlit as st

from dashboard import filters
from dashboard.data import headline_facts, load_dataset, region_name
from dashboard.i18n import t
from dashboard.charts import png_filename
from dashboard.previews import topic_previews
from dashboard.widgets import chart, fact_metrics, not_reported, source_notes

view = filters.current_view()
ds = load_dataset()
place = region_name(ds, view.region, view.lang)

st.title(t("app.title", view.lang))
st.caption(t("app.tagline", view.lang))

st.subheader(f"{place} · {t('overview.headline', view.lang)}")
facts = headline_facts(ds, view.region, topic="enforcement")
if facts.empty:
    st.info(t("overview.none", view.lang, region=place))
else:
    st.caption(t("overview.headline_caption", view.lang))
    fact_metrics(facts, ds, view.lang)
shown = [facts]  # every figure on the page; their sources are listed once, at the end

st.divider()
st.subheader(t("overview.topics", view.lang))
left, right = st.columns(2)
for column, (topic_page, fig, drawn, name) in zip([left, right, left, right], topic_previews(ds, view)):
    with column:
        if fig is None:
            not_reported(t(f"page.{name}", view.lang), view.lang)
        else:
            chart(fig, drawn, ds, view.lang, png_filename("overview", view.region, name, view.lang), notes=False)
            shown.append(drawn)
        st.page_link(topic_page, label=t("overview.open", view.lang, page=t(f"page.{name}", view.lang)),
                     icon=":material/arrow_forward:")

st.divider()
if any(not frame.empty for frame in shown):
    source_notes(shown, ds, view.lang)
st.caption(t("overview.holdings", view.lang, facts=len(ds.facts), events=len(ds.events), sources=len(ds.sources)))
