"""Entry point: the shared sidebar and the list of pages, nothing else."""
import streamlit as st

from dashboard import filters
from dashboard.i18n import t

st.set_page_config(page_title="清廉看板 Qinglian Dashboard", page_icon="⚖️", layout="wide")

lang = filters.language_switch()
dataset = filters.dataset_or_stop(lang)
pages = [
    st.Page("pages/overview.py", title=t("page.overview", lang), icon=":material/dashboard:", default=True),
]
navigation = st.navigation(pages)
filters.region_select(dataset, lang)
filters.show_url_notices(lang)
navigation.run()
