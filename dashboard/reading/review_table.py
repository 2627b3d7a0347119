"""/add's review table: the candidate rows, least certain first, each with an accept box, a button that
ticks every high-confidence row at once, and what decided each field, one line per field.

The table as last settled (the extracted rows, or those rows with the reviewer's edits and the high
ones ticked) lives in the session under `add_review`, with a version: ticking the high rows settles the
table as it stands and draws a fresh editor from it, so no edit made before is lost. A new extraction
(or another language) starts the table again from its rows.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.adding import review
from dashboard.kernel.i18n import t

STATE = "add_review"
MAX_SHOWN, ROW_PX = 20, 35  # rows drawn before the table scrolls; Streamlit's row height


def review_table(rows: pd.DataFrame, package: Path, ds, lang: str) -> pd.DataFrame:
    """Draw the table and return it as edited: every row, with its `accept` box (review.accepted keeps
    the accepted ones). `rows` are the candidates as extracted (review.extract: least certain first)."""
    fingerprint = hashlib.sha256((lang + rows.to_csv()).encode()).hexdigest()
    kept = st.session_state.get(STATE)
    if kept is None or kept[0] != fingerprint:
        kept = (fingerprint, review.for_review(rows, ds, lang), 0)
        st.session_state[STATE] = kept
    _, settled, version = kept
    st.caption(t("add.order_help", lang))
    # Above the table, filled once its edits are known: the button, then the count. The count's line
    # keeps the button clear of the table's toolbar, which a phone draws over the line above the table.
    bar = st.container()
    # Tall enough for a bulletin's usual 20 figures (and the header and the empty row to add one) without
    # a scroll inside the table; a longer list scrolls within it.
    edited = st.data_editor(settled, key="add_editor" if not version else f"add_editor-{version}", num_rows="dynamic",
                            hide_index=True, width="stretch", height=(min(len(settled), MAX_SHOWN) + 2) * ROW_PX + 3,
                            column_order=review.REVIEW_ORDER, column_config=review.editor_columns(package, ds, lang))
    high = int((edited["confidence"] == "high").sum()) if "confidence" in edited else 0
    if bar.button(t("add.accept_high", lang, n=high), key="add_accept_high", disabled=not high,
                  icon=":material/done_all:"):
        st.session_state[STATE] = (fingerprint, review.accept_high(edited), version + 1)
        st.rerun()
    bar.caption(t("add.accepted", lang, n=len(review.accepted(edited)), total=len(edited)))
    original = review.for_review(rows, ds, lang).drop(columns=[review.ACCEPT, "source"], errors="ignore")
    if changed := review.edits(original, edited.drop(columns=[review.ACCEPT, "source"], errors="ignore")):
        st.caption(t("add.edits", lang, n=changed))
    with st.expander(t("add.why_fields", lang), expanded=True):  # what a reviewer checks each field against
        st.caption(t("add.why_fields_help", lang))
        st.dataframe(review.why_table(_with_why(edited, rows), ds, lang), hide_index=True, width="stretch")
    return edited


def _with_why(edited: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The edited rows with the extractor's own `why` record (the table shows it in words), by row label
    (a deleted row takes its record with it; an added one has none)."""
    return edited.assign(why=rows["why"].reindex(edited.index, fill_value="") if "why" in rows else "")
