"""Entry point of the readers' app: the page stylesheet, the shared sidebar, the list of pages, and the
one context each page is handed (dataset, view, its registry entry, the link builder)."""
import sys
from pathlib import Path

import streamlit as st

REPO = str(Path(__file__).resolve().parent.parent)
if REPO not in sys.path:  # `streamlit run dashboard/app.py` (Community Cloud's command) puts only dashboard/ there
    sys.path.insert(0, REPO)

from dashboard.kernel.i18n import t
from dashboard.kernel.problems import DataPackageError
from dashboard.reading import controls, guards
from dashboard.reading.context import PageContext, handing
from dashboard.reading.registry import BY_PATH, PAGES
from dashboard.reading.url_state import View
from dashboard.reading.widgets import data_problems, data_unavailable, page_meta, page_styles, share_box
from dashboard.storing import serving

# Embedded in an article (the share box's ?embed=true snippet), the view comes first: the sidebar starts
# closed, a tap away for a reader who wants another district or metric.
st.set_page_config(page_title="清廉看板 Qinglian Dashboard", page_icon="⚖️", layout="wide",
                   initial_sidebar_state="collapsed" if st.context.is_embedded else "auto")
controls.begin_run()
guards.keep_only_the_newest_upload()

lang = controls.language_switch()
page_styles(lang)
guards.limit_reruns(lang)  # before any page work: a loop of reruns gets a notice, not the replica's time
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

navigation = st.navigation([
    st.Page(page.file, title=t(f"page.{page.name}", lang), icon=page.icon, url_path=page.url_path or None,
            default=not page.url_path, visibility="hidden" if page.hidden else "visible")
    for page in PAGES])
page = BY_PATH[navigation.url_path]
urls = controls.urls()
top = st.container()  # filled after the page ran: its own controls count in the link and the notices
try:
    region = controls.region_select(dataset, lang)
    metric = controls.metric_select(dataset, page.topic, lang)
    view = View(lang=lang, region=region, metric=metric, fact_id=controls.held_view().fact_id)
    with handing(PageContext(dataset, view, page, urls)):
        navigation.run()
except serving.StoreUnavailable:  # the database stopped answering mid-page: what is drawn stays, the rest waits
    data_unavailable(lang, serving.available)
controls.write_address()
with top:
    shared = urls.share(page.name, controls.held_view())
    share_box(shared, f"{navigation.title} · {t('app.title', lang)}", lang, urls,
              card=None if page.tool else (dataset, page.name, controls.held_view(), shared))  # /add draws no figure
controls.show_url_notices(lang, top)
