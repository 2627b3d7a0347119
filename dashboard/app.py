"""Entry point: the shared sidebar, the page stylesheet and the list of pages, nothing else."""
import sys
from pathlib import Path

import streamlit as st

REPO = str(Path(__file__).resolve().parent.parent)
if REPO not in sys.path:  # `streamlit run dashboard/app.py` (Community Cloud's command) puts only dashboard/ there
    sys.path.insert(0, REPO)

from dashboard.reading import address
from dashboard.reading import filters
from dashboard.storing import serving
from dashboard.kernel.i18n import t
from dashboard.kernel.problems import DataPackageError
from dashboard.reading.registry import PAGES
from dashboard.reading.widgets import data_problems, data_unavailable, page_meta, page_styles, share_box

# Embedded in an article (the share box's ?embed=true snippet), the view comes first: the sidebar starts
# closed, a tap away for a reader who wants another district or metric.
st.set_page_config(page_title="清廉看板 Qinglian Dashboard", page_icon="⚖️", layout="wide",
                   initial_sidebar_state="collapsed" if st.context.is_embedded else "auto")
page_styles()
address.begin_run()

lang = filters.language_switch()
try:
    dataset, problems = serving.dataset_and_problems()
except serving.StoreUnavailable:  # a database this process has not read yet: wait for it, say so
    page_meta(lang, t("app.title", lang), t("error.unavailable", lang))
    data_unavailable(lang, serving.available)
    st.stop()
except DataPackageError as error:  # never saw good data: say what is wrong, draw nothing else
    page_meta(lang, t("app.title", lang), t("error.data", lang))
    data_problems(error.problems, lang, stale=False)
    st.stop()
if problems:  # the files on disk broke after a good load: keep serving, and say so
    data_problems(problems, lang, stale=True)
filters.keep_dataset(dataset)

navigation = st.navigation([
    st.Page(page.file, title=t(f"page.{page.name}", lang), icon=page.icon, url_path=page.url_path or None,
            default=not page.url_path, visibility="hidden" if page.hidden else "visible")
    for page in PAGES])
top = st.container()  # filled after the page ran: its own controls count in the link and the notices
try:
    filters.region_select(dataset, lang)
    navigation.run()
except serving.StoreUnavailable:  # the database stopped answering mid-page: what is drawn stays, the rest waits
    data_unavailable(lang, serving.available)
address.write()
with top:
    own = f"figure?id={st.query_params.get('id', '')}" if navigation.url_path == "figure" else navigation.url_path
    share_box(filters.share_url(own), f"{navigation.title} · {t('app.title', lang)}", lang)
filters.show_url_notices(lang, top)
