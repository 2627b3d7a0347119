"""Data & sources: the filtered facts, what is and is not reported, every source, downloads."""
import streamlit as st

from dashboard.kernel.i18n import t
from dashboard.kernel.schema import licences
from dashboard.kernel.settings import package_path
from dashboard.reading import sections
from dashboard.reading.context import handed
from dashboard.reading.labels import (
    TABLE_SHOWN,
    filtered,
    licence_markdown,
    region_name,
    sources_table,
    table_csv,
    table_indicators,
    table_years,
)
from dashboard.reading.widgets import chart, heading, page_header
from dashboard.storing import serving

ctx = handed()
view, ds = ctx.view, ctx.dataset
page_header(t(f"page.{ctx.page.name}", view.lang), t("data.takeaway", view.lang), view.lang,
            region_name(ds, view.region, view.lang))

heading(t("data.table", view.lang))
# The filters belong to this page alone (not the address): a shared link opens the area's whole table.
scope, which, when = st.columns(3)
nearby = scope.toggle(t("data.nearby", view.lang), key="data_nearby", help=t("data.nearby_help", view.lang))
table = sections.area_table(ds, view.region, view.lang, nearby)
indicators = table_indicators(table)
indicator = which.selectbox(t("data.indicator", view.lang), ["", *indicators], key="data_indicator",
                            format_func=lambda code: indicators.get(code) or t("data.all_indicators", view.lang))
year = when.selectbox(t("data.year", view.lang), [0, *table_years(table)], key="data_year",
                      format_func=lambda y: str(y) if y else t("data.all_years", view.lang))
table = filtered(table, indicator, year)
st.caption(t("data.rows", view.lang, n=len(table), area=region_name(ds, view.region, view.lang)))
labels = {column: t(f"col.{column}", view.lang) for column in TABLE_SHOWN} | {"note": t("col.note_ours", view.lang)}
# The row's id (its key in data/facts.csv) comes last: a reader scans the figures first.
st.dataframe(table, hide_index=True, width="stretch", column_order=TABLE_SHOWN, column_config={
    **{column: st.column_config.TextColumn(label) for column, label in labels.items()},
    "value": st.column_config.NumberColumn(labels["value"], format="localized"),
    "url": st.column_config.LinkColumn(labels["url"]),
    "figure": st.column_config.LinkColumn(labels["figure"], display_text=t("col.figure", view.lang)),
})
left, right = st.columns(2)
# Callables: each file is made when someone asks for it, not on every run of the page.
left.download_button(t("data.download_csv", view.lang), lambda: table_csv(table),
                     file_name=f"qinglian_facts_{view.region}.csv", mime="text/csv", on_click="ignore")
right.download_button(t("data.download_zip", view.lang), lambda: serving.served_zip(ds), file_name="qinglian_datapackage.zip",
                      mime="application/zip", on_click="ignore")
st.caption(t("data.csv_help", view.lang))
st.markdown(licence_markdown(licences(package_path()), view.lang))

heading(t("data.coverage", view.lang))
chart(sections.coverage(ds, view.region, view.lang), view.lang)

heading(t("data.sources", view.lang))
st.dataframe(sources_table(ds, view.lang), hide_index=True, width="stretch", column_config={
    "title": t("col.title", view.lang), "publisher": t("col.publisher", view.lang),
    "date": t("col.date", view.lang), "note": t("col.note_ours", view.lang),
    "url": st.column_config.LinkColumn(t("col.url", view.lang)),
})
