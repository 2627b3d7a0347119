"""Entry point: the shared sidebar, the page stylesheet and the list of pages, nothing else."""
import sys
from pathlib import Path

import streamlit as st

REPO = str(Path(__file__).resolve().parent.parent)
if REPO not in sys.path:  # `streamlit run dashboard/app.py` (Community Cloud's command) puts only dashboard/ there
    sys.path.insert(0, REPO)

from dashboard import filters
from dashboard.i18n import t
from dashboard.widgets import page_styles

st.set_page_config(page_title="清廉看板 Qinglian Dashboard", page_icon="⚖️", layout="wide")
page_styles()

lang = filters.language_switch()
dataset = filters.dataset_or_stop(lang)
pages = [
    st.Page("views/overview.py", title=t("page.overview", lang), icon=":material/dashboard:", default=True),
    st.Page("views/enforcement.py", title=t("page.enforcement", lang), icon=":material/gavel:", url_path="enforcement"),
    st.Page("views/supervision.py", title=t("page.supervision", lang), icon=":material/account_balance:", url_path="supervision"),
    st.Page("views/approvals.py", title=t("page.approvals", lang), icon=":material/speed:", url_path="approvals"),
    st.Page("views/sectors.py", title=t("page.sectors", lang), icon=":material/apartment:", url_path="sectors"),
    st.Page("views/data_sources.py", title=t("page.data", lang), icon=":material/table:", url_path="data"),
]
navigation = st.navigation(pages)
filters.region_select(dataset, lang)
notices = st.container()  # filled after the page ran, so its own widgets' bad parameters count too
navigation.run()
filters.show_url_notices(lang, notices)
