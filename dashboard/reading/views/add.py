"""Add a bulletin: its text → candidate rows → the reader's review → checked rows to download.

The reader's text, rows and source live in their own session (session_state); nothing is written
on the server. The form is review_form.py's (the editor app's publish page shares it); this page
adds the downloads and the preview.
"""
import streamlit as st

from dashboard.adding import review
from dashboard.kernel.i18n import t
from dashboard.kernel.settings import package_path
from dashboard.reading import review_form
from dashboard.reading.context import handed
from dashboard.reading.labels import draft_cards
from dashboard.reading.widgets import cards, heading, page_header

ctx = handed()
view, ds = ctx.view, ctx.dataset
lang, package = view.lang, package_path()
page_header(t(f"page.{ctx.page.name}", lang), t("add.takeaway", lang), lang)

reviewed = review_form.bulletin_review(ds, package, lang)
if reviewed is not None:
    edited, source, name = reviewed.edited, reviewed.source, reviewed.source_id
    one, two, three = st.columns(3)
    one.download_button(t("add.download_rows", lang), review.fact_rows(edited).to_csv(index=False, lineterminator="\n"),
                        file_name=f"facts-{name}.csv", mime="text/csv", on_click="ignore", key="add_dl_rows")
    two.download_button(t("add.download_source", lang), source.to_csv(index=False, lineterminator="\n"),
                        file_name=f"source-{name}.csv", mime="text/csv", on_click="ignore", key="add_dl_source")
    three.download_button(t("add.download_zip", lang), lambda: review.updated_zip(package, edited, source, reviewed.regions),
                          file_name="qinglian_datapackage.zip", mime="application/zip", on_click="ignore",
                          disabled=bool(reviewed.problems) or edited.empty, key="add_dl_zip")

    heading(t("add.preview", lang))
    st.caption(t("add.preview_help", lang))
    shown = review.with_areas(ds, st.session_state.get("add_areas"))  # new areas named as proposed
    drawn, skipped = draft_cards(review.fact_rows(edited), shown, source.iloc[0].to_dict(), lang)
    if drawn:
        cards(drawn)
    if skipped:
        st.caption(t("add.preview_skipped", lang, n=skipped))
