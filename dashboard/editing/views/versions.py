"""Every version on record, newest first, and a rollback: version N's figures current again, as a new
version recorded as a rollback (storing/changes.rollback)."""
import streamlit as st

from dashboard.editing.outcome import refused
from dashboard.kernel.i18n import t
from dashboard.kernel.problems import DataPackageError
from dashboard.reading.change_record import change_table
from dashboard.reading.context import handed
from dashboard.reading.widgets import heading, page_header
from dashboard.storing import changes, serving

ctx = handed()
lang = ctx.lang
page_header(t("page.edit_versions", lang), t("edit.versions_takeaway", lang), lang)

log = changes.change_log(serving.setting())
if log.empty:
    st.info(t("changes.none", lang))
    st.stop()
st.dataframe(change_table(log, lang), hide_index=True, width="stretch")

heading(t("edit.rollback", lang))
with st.form("edit_rollback_form", border=False):
    # Undoing the last change is the common case: the version before the newest, by default.
    newest = int(log["version"].max())
    version = st.number_input(t("edit.rollback_to", lang), min_value=1, max_value=newest, value=max(1, newest - 1),
                              step=1, key="edit_rollback_version")
    note = st.text_input(t("edit.note", lang), key="edit_rollback_note", max_chars=500)
    pressed = st.form_submit_button(t("edit.rollback", lang), type="primary")
if pressed:
    if not note.strip():
        st.error(t("edit.note_needed", lang))
    else:
        try:
            change = changes.rollback(serving.setting(), int(version), st.session_state["editor"], note.strip())
        except (DataPackageError, changes.PublishError) as error:
            st.error(refused(error, lang))
        else:
            st.cache_resource.clear()
            st.success(t("edit.done", lang, version=change.version))
