"""Data & sources: the filtered facts, what is and is not reported, every source, downloads."""
import streamlit as st

from dashboard import charts, filters
from dashboard.data import area_regions, coverage_counts, facts_table, load_dataset, package_zip, sources_table
from dashboard.i18n import t
from dashboard.widgets import chart, page_header

PAGE = "data"

view = filters.current_view()
ds = load_dataset()
page_header(t("page.data", view.lang), t("data.takeaway", view.lang), filters.share_url(PAGE), view.lang)

st.subheader(t("data.table", view.lang))
table = facts_table(ds, area_regions(ds, view.region)["code"], view.lang)
labels = {column: t(f"col.{column}", view.lang) for column in table.columns}
# The row's id (its key in data/facts.csv) comes last: a reader scans the figures first.
st.dataframe(table, hide_index=True, width="stretch", column_order=[*table.columns[1:], "fact_id"], column_config={
    **{column: st.column_config.TextColumn(label) for column, label in labels.items()},
    "value": st.column_config.NumberColumn(labels["value"], format="localized"),
    "url": st.column_config.LinkColumn(labels["url"]),
})
left, right = st.columns(2)
left.download_button(t("data.download_csv", view.lang), table.to_csv(index=False).encode("utf-8"),
                     file_name=f"qinglian_facts_{view.region}.csv", mime="text/csv", on_click="ignore")
# A callable: the zip is built (once per package version) when someone asks for it, not held per session.
right.download_button(t("data.download_zip", view.lang), package_zip, file_name="qinglian_datapackage.zip",
                      mime="application/zip", on_click="ignore")

st.subheader(t("data.coverage", view.lang))
# The matrix draws on every source: name them by count and point to the list below, not as a wall of text.
fig = charts.build_coverage_matrix(*coverage_counts(ds, view.region), view.lang,
                                   source_line=t("data.coverage_sources", view.lang, sources=len(ds.sources)))
chart(fig, ds.facts.iloc[0:0], ds, view.lang, charts.png_filename(PAGE, "all", "coverage", view.lang))

st.subheader(t("data.sources", view.lang))
sources = sources_table(ds)
st.dataframe(sources, hide_index=True, width="stretch", column_config={
    "title": t("col.title", view.lang), "publisher": t("col.publisher", view.lang),
    "date": t("col.date", view.lang), "note": t("col.note", view.lang),
    "url": st.column_config.LinkColumn(t("col.url", view.lang)),
})
