"""Correct or withdraw one figure: open it by id (`?id=` in the address), change one field or withdraw it,
always with a reason. The old value stays in the figure's history (storing/changes.correct / withdraw)."""
import streamlit as st

from dashboard.editing.outcome import refused
from dashboard.kernel.i18n import t
from dashboard.kernel.problems import DataPackageError
from dashboard.kernel.schema import FACT_COLUMNS
from dashboard.reading.context import handed
from dashboard.reading.controls import printable
from dashboard.reading.widgets import heading, page_header
from dashboard.storing import changes, ledger, serving

ctx = handed()
ds, lang = ctx.dataset, ctx.lang
page_header(t("page.edit_figure", lang), t("edit.figure_takeaway", lang), lang)

fact_id = st.text_input(t("edit.figure_id", lang), value=ctx.view.fact_id or "", key="edit_fact_id", max_chars=200).strip()
if not fact_id:
    st.stop()
found = ds.store.by_id(fact_id)
if found.empty:
    st.info(t("edit.no_figure", lang, id=f"`{printable(fact_id[:80])}`"), icon=":material/search_off:")
    st.stop()
st.query_params["id"] = fact_id  # the address opens this figure again
current = ledger.as_text(found).iloc[0]  # as facts.csv writes it: 312, not 312.0; 2019-01-01, not a timestamp
st.dataframe(current.rename(t("edit.old_value", lang)).to_frame(), width="stretch")


def _done(change) -> None:
    st.cache_resource.clear()  # this process shows the new version at once
    st.success(t("edit.done", lang, version=change.version))


heading(t("edit.correct", lang))
editable = ["value", *(column for column in FACT_COLUMNS if column not in ("fact_id", "value"))]  # the usual one first
with st.form("edit_correct_form", border=False):
    field = st.selectbox(t("edit.field", lang), editable, key="edit_field")
    value = st.text_input(t("edit.new_value", lang), key="edit_new_value", max_chars=500)
    reason = st.text_input(t("edit.reason", lang), key="edit_correct_reason", max_chars=500)
    correct = st.form_submit_button(t("edit.correct", lang), type="primary")
if correct:
    if not reason.strip():
        st.error(t("edit.reason_needed", lang))
    else:
        try:
            _done(changes.correct(serving.setting(), fact_id, {field: value.strip()}, st.session_state["editor"], reason.strip()))
        except (DataPackageError, changes.PublishError) as error:
            st.error(refused(error, lang))

heading(t("edit.withdraw", lang))
with st.form("edit_withdraw_form", border=False):
    why = st.text_input(t("edit.reason", lang), key="edit_withdraw_reason", max_chars=500)
    withdraw = st.form_submit_button(t("edit.withdraw", lang))
if withdraw:
    if not why.strip():
        st.error(t("edit.reason_needed", lang))
    else:
        try:
            _done(changes.withdraw(serving.setting(), fact_id, st.session_state["editor"], why.strip()))
        except (DataPackageError, changes.PublishError) as error:
            st.error(refused(error, lang))
