"""Every change to the data, newest first (`/changes`): when, by whom, what was added, corrected or withdrawn,
with links to the figures and the source. The words are change_record.py's; this page lays them out."""
import streamlit as st

from dashboard.kernel.i18n import t
from dashboard.reading.change_record import version_entries
from dashboard.reading.context import handed
from dashboard.reading.labels import link_target, plain
from dashboard.reading.widgets import heading, page_header

ctx = handed()
lang = ctx.lang
page_header(t("page.changes", lang), t("changes.takeaway", lang), lang)

entries = version_entries(ctx.dataset, lang)
if not entries:
    st.info(t("changes.none", lang), icon=":material/history:")
for entry in entries:
    heading(entry.title)
    st.caption(plain(entry.when_by))
    lines = [f"- {plain(entry.counts)}"]
    if entry.rolled_back_to:
        lines.append(f"- {plain(entry.rolled_back_to)}")
    if entry.source:
        source = f"[{plain(entry.source)}]({link_target(entry.source_url)})" if entry.source_url else plain(entry.source)
        lines.append(f"- **{t('changes.source', lang)}**: {source}")
    if entry.note:
        lines.append(f"- **{t('changes.note', lang)}**: {plain(entry.note)}")
    st.markdown("\n".join(lines))
    if entry.figures:
        with st.expander(f"{t('changes.figures', lang)} ({len(entry.figures) + entry.more})"):
            st.markdown("\n".join(f"- [{plain(label)}]({target})" for label, target in entry.figures)
                        + (f"\n- … +{entry.more}" if entry.more else ""))
