"""Publish a bulletin: the readers' review form (reading/review_form.py), then a Publish button with the
editor's note, which writes a new version and its change record (storing/changes.publish)."""
import streamlit as st

from dashboard.adding import review
from dashboard.editing.outcome import refused
from dashboard.kernel.i18n import t
from dashboard.kernel.problems import DataPackageError
from dashboard.kernel.settings import package_path
from dashboard.reading import review_form
from dashboard.reading.context import handed
from dashboard.reading.widgets import heading, page_header
from dashboard.storing import changes, serving

ctx = handed()
ds, lang = ctx.dataset, ctx.lang
page_header(t("page.edit_publish", lang), t("edit.publish_takeaway", lang), lang)

reviewed = review_form.bulletin_review(ds, package_path(), lang, words="edit")
if reviewed is not None:
    heading(t("edit.step_publish", lang))
    ready = not reviewed.problems and not reviewed.edited.empty
    if not ready:
        st.info(t("edit.publish_blocked", lang))
    with st.form("edit_publish_form", border=False):
        note = st.text_input(t("edit.note", lang), key="edit_note", max_chars=500)
        pressed = st.form_submit_button(t("edit.publish", lang), type="primary", disabled=not ready)
    if pressed and not note.strip():
        st.error(t("edit.note_needed", lang))
    elif pressed:
        try:
            change = changes.publish(serving.setting(), review.fact_rows(reviewed.edited), reviewed.source,
                                     st.session_state["editor"], note.strip(), regions=reviewed.regions)
        except (DataPackageError, changes.PublishError) as error:
            st.error(refused(error, lang))
        else:
            st.cache_resource.clear()  # this process reads the new version at once; readers within the TTL
            st.success(t("edit.published", lang, version=change.version, added=change.added,
                         corrected=change.corrected, withdrawn=change.withdrawn))
            for key in ("add_rows", "add_checked"):
                st.session_state.pop(key, None)
