"""Entry point of the editor app: `streamlit run dashboard/edit.py --server.baseUrlPath edit`, its own
process(es) beside the readers' (the nginx recipe sends /edit/ here and nothing else does).

Before any page: who is this (editing/access.py). Without a sign-in provider in secrets.toml only a
session on this machine may edit, and every page says so; with one, `st.login` signs in, and only the
allow-list (QINGLIAN_EDITORS) gets past this file. Pages are handed the same context as the readers'.
"""
import sys
from pathlib import Path

import streamlit as st

REPO = str(Path(__file__).resolve().parent.parent)
if REPO not in sys.path:  # `streamlit run dashboard/edit.py` puts only dashboard/ there
    sys.path.insert(0, REPO)

from dashboard.editing.access import Access, who
from dashboard.editing.registry import BY_PATH, PAGES
from dashboard.kernel.i18n import t
from dashboard.kernel.problems import DataPackageError
from dashboard.reading import controls
from dashboard.reading.context import PageContext, handing
from dashboard.reading.url_state import View
from dashboard.reading.widgets import data_problems, data_unavailable, page_meta, page_styles
from dashboard.storing import serving

st.set_page_config(page_title="清廉看板 · 编辑 Qinglian Dashboard · Editing", page_icon="✏️", layout="wide")
controls.begin_run()
lang = controls.language_switch()
page_styles(lang)
person = who()
shown_identity = f"`{person.identity.replace('`', '')}`"  # as code: Markdown would make an email a mailto: link
st.session_state["editor"] = person.editor  # the pages record changes under this name, '' for no one

if person.access is Access.REMOTE:
    page_meta(lang, t("edit.title", lang), t("edit.remote", lang))
    st.title(t("edit.title", lang))
    st.error(t("edit.remote", lang), icon=":material/lock:")
    st.stop()
if person.access is Access.SIGN_IN:
    page_meta(lang, t("edit.title", lang), t("edit.sign_in_needed", lang))
    st.title(t("edit.title", lang))
    st.info(t("edit.sign_in_needed", lang), icon=":material/login:")
    if st.button(t("edit.sign_in", lang), type="primary", key="edit_sign_in"):
        st.login()
    st.stop()
if person.access is Access.NOT_EDITOR:
    page_meta(lang, t("edit.title", lang), t("edit.not_editor", lang, who=person.identity))
    st.title(t("edit.title", lang))
    st.warning(t("edit.not_editor", lang, who=shown_identity), icon=":material/block:")
    if st.button(t("edit.sign_out", lang), key="edit_sign_out"):
        st.logout()
    st.stop()

if person.access is Access.LOCAL:  # on every page: nobody signed in, this machine only
    st.warning(t("edit.local", lang, user=person.identity.removeprefix("local:")), icon=":material/computer:")
else:
    st.sidebar.caption(t("edit.signed_in_as", lang, who=shown_identity))
    if st.sidebar.button(t("edit.sign_out", lang), key="edit_sign_out"):
        st.logout()
if serving.setting() == "secrets":  # the change functions take a URL; a secrets.toml section is the readers' way
    st.error(t("edit.store_env", lang), icon=":material/database:")
    st.stop()
try:
    dataset, problems = serving.dataset_and_problems()
except serving.StoreUnavailable:
    data_unavailable(lang, serving.available)
    st.stop()
except DataPackageError as error:
    data_problems(error.problems, lang, stale=False)
    st.stop()
if problems:
    data_problems(problems, lang, stale=True)

navigation = st.navigation([
    st.Page(page.file, title=t(f"page.{page.name}", lang), icon=page.icon, url_path=page.url_path or None,
            default=not page.url_path) for page in PAGES])
page = BY_PATH[navigation.url_path]
view = View(lang=lang, fact_id=controls.held_view().fact_id)
with handing(PageContext(dataset, view, page, controls.urls())):
    navigation.run()
controls.write_address()
