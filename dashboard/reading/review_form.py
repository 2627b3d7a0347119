"""The bulletin review form shared by the readers' /add page and the editor app's publish page: the text (pasted
or uploaded), the source, candidate rows to review, and the check against the package. It returns what was
reviewed; what happens next (downloads for a reader, Publish for an editor) is the calling page's.

The reader's text, rows and source live in their own session (session_state, keys `add_*`).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.adding import review
from dashboard.adding.documents import MAX_TEXT_CHARS, DocumentError
from dashboard.kernel.i18n import t
from dashboard.kernel.model import Dataset
from dashboard.kernel.schema import SOURCE_KINDS
from dashboard.reading import guards
from dashboard.reading.labels import region_name
from dashboard.reading.review_table import review_table
from dashboard.reading.widgets import heading


@dataclass(frozen=True)
class Reviewed:
    """The rows as reviewed and accepted (review table columns, source filled in), the source row, what the
    check found, and the new areas the reviewer accepted (regions.csv rows; None: none were proposed)."""
    edited: pd.DataFrame
    source: pd.DataFrame
    problems: tuple
    source_id: str
    regions: pd.DataFrame | None = None


def bulletin_review(ds: Dataset, package: Path, lang: str, words: str = "add") -> Reviewed | None:
    """Steps 1 to 4 of the form; None until there are candidate rows to review. `words`: whose words step 4 uses
    ('add': the readers' page, which offers downloads there; 'edit': the editor's, which publishes)."""
    heading(t("add.step_text", lang))
    pasted = st.text_area(t("add.paste", lang), key="add_text", height=180, max_chars=MAX_TEXT_CHARS)
    upload = st.file_uploader(t("add.upload", lang), type=["txt", "html", "htm", "docx", "pdf"], key="add_file")
    text = pasted
    if upload is not None:
        try:
            text = review.read_upload(upload, guards.session_budget())  # once per upload, not per rerun
            st.caption(t("add.file_used", lang, name=guards.literal(upload.name), n=f"{len(text):,}"))
        except DocumentError as error:  # the page goes on: whatever was pasted or extracted before stays
            st.error(t("add.unreadable", lang, name=guards.literal(upload.name), why=error.zh if lang == "zh" else error.en))
            text = pasted

    heading(t("add.step_source", lang))
    st.caption(t("add.source_help", lang))
    # One row per pair, so a phone (where columns stack) still reads each name beside its translation.
    fields = {}
    for first, second in (("title", "title_en"), ("publisher", "publisher_en"), ("date", "url"), ("kind", "id")):
        left, right = st.columns(2)
        for column, key in ((left, first), (right, second)):
            label = t("add.source_id" if key == "id" else f"add.{key}", lang)
            if key == "date":
                fields[key] = column.date_input(label, value=None, key="add_date", format="YYYY-MM-DD")
            elif key == "kind":
                fields[key] = column.selectbox(label, SOURCE_KINDS, key="add_kind", format_func=lambda k: t(f"kind.{k}", lang))
            elif key == "id":
                suggested = review.suggested_id(fields["date"])
                fields[key] = column.text_input(label, key="add_source_id", placeholder=suggested) or suggested
            else:
                fields[key] = column.text_input(label, key=f"add_{key}")
    area = st.selectbox(t("add.region", lang), ["", *ds.regions["code"]], key="add_region",
                        format_func=lambda code: region_name(ds, code, lang) if code else t("add.region_text", lang))

    if st.button(t("add.extract", lang), type="primary", disabled=not text.strip(), key="add_go"):
        try:
            st.session_state["add_rows"] = review.extract(text, package, fields["date"], area, fields["id"],
                                                          guards.session_budget())
            st.session_state["add_used_text"], st.session_state["add_used_region"] = text, area
            st.session_state["add_areas"] = review.proposed_areas(st.session_state["add_rows"], package)
        except DocumentError as error:  # out of time (or the session ended): say so, keep what was there
            st.error(t("limits.extract_failed", lang, why=error.zh if lang == "zh" else error.en))

    heading(t("add.step_review", lang))
    rows, used = st.session_state.get("add_rows"), st.session_state.get("add_used_text", "")
    if rows is None:
        st.info(t("add.nothing_yet", lang))
        return None
    if rows.empty:
        st.info(t("add.none_found", lang))
        return None
    st.caption(t("add.review_help", lang))
    areas = st.session_state.get("add_areas")
    shown = review.with_areas(ds, areas)  # the proposed new areas are offered and named in the table too
    # Least certain rows first, each with its accept box; only accepted rows go on to the check and the
    # downloads or Publish. The source column is filled from step 2 after editing, so the editor's data
    # never changes under it.
    edited = review.accepted(review_table(rows, package, shown, lang)).assign(source=fields["id"])
    source = review.source_frame(used, fields, st.session_state.get("add_used_region"))
    accepted = None
    if areas is not None and len(areas):  # areas outside the package: their own rows, each to accept
        heading(t("add.new_areas", lang))
        st.caption(t("add.new_areas_help", lang))
        accepted = review.accepted_areas(st.data_editor(
            areas, key="add_areas_editor", hide_index=True, width="stretch", column_config=review.area_columns(lang)))

    heading(t(f"{words}.step_check", lang))
    # Checked once per content: a rerun for another widget does not validate the package again.
    key = hashlib.sha256((edited.to_csv() + source.to_csv()
                          + (accepted.to_csv() if accepted is not None else "")).encode()).hexdigest()
    if st.session_state.get("add_checked", (None,))[0] != key:
        st.session_state["add_checked"] = (key, review.problems(package, used, edited, source, accepted))
    problems = st.session_state["add_checked"][1]
    if edited.empty:
        st.info(t("add.none_accepted", lang))
    elif problems:
        st.error(t(f"{words}.invalid", lang, n=len(problems)))
        st.dataframe(review.problems_table(problems, lang), hide_index=True, width="stretch")
    else:
        st.success(t("add.valid", lang, n=len(edited)))
    if missing := review.missing_translations(fields):
        st.info(t("add.untranslated", lang, fields=("、" if lang == "zh" else ", ").join(t(f"add.{k}", lang) for k in missing)),
                icon=":material/translate:")
    st.caption(t("add.sha", lang, sha=source["text_sha256"].iloc[0]))
    return Reviewed(edited, source, tuple(problems), fields["id"], accepted)
