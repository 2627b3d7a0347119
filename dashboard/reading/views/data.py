"""Data & sources: the filtered facts, what is and is not reported, every source, downloads."""
import streamlit as st

from dashboard.kernel.i18n import t
from dashboard.reading import sections
from dashboard.reading.context import handed
from dashboard.reading.labels import region_name, sources_table
from dashboard.reading.widgets import chart, heading, page_header
from dashboard.storing import serving

ctx = handed()
view, ds = ctx.view, ctx.dataset
page_header(t(f"page.{ctx.page.name}", view.lang), t("data.takeaway", view.lang), view.lang,
            region_name(ds, view.region, view.lang))

heading(t("data.table", view.lang))
table = sections.area_table(ds, view.region, view.lang)
labels = {column: t(f"col.{column}", view.lang) for column in table.columns}
# The row's id (its key in data/facts.csv) comes last: a reader scans the figures first.
st.dataframe(table, hide_index=True, width="stretch", column_order=[*table.columns[1:], "fact_id"], column_config={
    **{column: st.column_config.TextColumn(label) for column, label in labels.items()},
    "value": st.column_config.NumberColumn(labels["value"], format="localized"),
    "url": st.column_config.LinkColumn(labels["url"]),
    "figure": st.column_config.LinkColumn(labels["figure"], display_text=t("col.figure", view.lang)),
})
left, right = st.columns(2)
left.download_button(t("data.download_csv", view.lang), table.drop(columns="figure").to_csv(index=False).encode("utf-8"),
                     file_name=f"qinglian_facts_{view.region}.csv", mime="text/csv", on_click="ignore")
# A callable: the zip is built (once per package version) when someone asks for it, not held per session.
right.download_button(t("data.download_zip", view.lang), lambda: serving.served_zip(ds), file_name="qinglian_datapackage.zip",
                      mime="application/zip", on_click="ignore")

heading(t("data.coverage", view.lang))
chart(sections.coverage(ds, view.region, view.lang), view.lang)

heading(t("data.sources", view.lang))
st.dataframe(sources_table(ds, view.lang), hide_index=True, width="stretch", column_config={
    "title": t("col.title", view.lang), "publisher": t("col.publisher", view.lang),
    "date": t("col.date", view.lang), "note": t("col.note", view.lang),
    "url": st.column_config.LinkColumn(t("col.url", view.lang)),
})
