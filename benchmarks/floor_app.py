"""The floor: the best a Streamlit app can do with the dashboard's pages, widgets and chart counts.

Same page paths, the same sidebar widgets (language radio, district select, metric select on
subject pages), the same number of Plotly charts per page and district, and on /data the same
two tables and two downloads, all drawn from tiny inline data: no files, no validation, no
pandas. The harness passes the chart counts it counted in the dashboard (FLOOR_CHARTS) and the
district labels (FLOOR_REGIONS), so both apps always draw the same number of charts. Each chart's
values depend on the district, as the dashboard's do: Streamlit remounts a chart whose figure
changed, and a floor whose charts stayed the same would skip that work on every filter change.
"""
import json
import os

import plotly.graph_objects as go
import streamlit as st

PAGES = {"": "Overview", "enforcement": "Enforcement", "supervision": "Supervision",
         "approvals": "Approvals", "sectors": "Sectors", "data": "Data"}
CHARTS = json.loads(os.environ.get("FLOOR_CHARTS", "{}"))  # {page path: {district label: charts}}
REGIONS = json.loads(os.environ.get("FLOOR_REGIONS", "[]")) or ["舟山市 Zhoushan", "定海区 Dinghai District"]
METRICS = ["指标一 · Metric one", "指标二 · Metric two"]
ROWS = [{"a": "x", "b": 1}, {"a": "y", "b": 2}]


def page(path: str):
    def body():
        st.title(PAGES[path])
        if path not in ("", "data"):
            st.sidebar.selectbox("指标 Metric", METRICS, key="metric", bind="query-params")
        region = st.session_state.get("region", REGIONS[0])
        count = CHARTS.get(path, {}).get(region, 1)
        shift = REGIONS.index(region) if region in REGIONS else 0
        for i in range(count):
            st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1 + shift, 2 + i])), width="stretch")
        if path == "data":
            st.dataframe(ROWS)
            st.download_button("CSV", b"a,b\nx,1\n", file_name="floor.csv", on_click="ignore")
            st.download_button("ZIP", b"PK", file_name="floor.zip", on_click="ignore")
            st.dataframe(ROWS)
    body.__name__ = f"floor_{path or 'overview'}"
    return body


st.set_page_config(page_title="floor", layout="wide")
st.sidebar.radio("语言 Language", ["中文", "English"], horizontal=True, key="lang", bind="query-params")
# AppTest cannot switch to a function page, so the server-side timing picks the default page instead.
default = os.environ.get("FLOOR_DEFAULT_PAGE", "")
navigation = st.navigation([st.Page(page(path), title=title, url_path=path or None, default=path == default)
                            for path, title in PAGES.items()])
st.sidebar.selectbox("地区 District", REGIONS, key="region", bind="query-params")
navigation.run()
