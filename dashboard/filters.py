"""The shared sidebar's filters, each bound to its URL query parameter: language, district, metric.

Streamlit's `bind="query-params"` writes the option's *label* into the URL (streamlit issue
#14224), so labels are kept the same in both languages ("中文"/"English", "定海区 Dinghai
District"): a shared link then reopens the same view whatever language the reader switches to.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from dashboard.i18n import DEFAULT_LANG, LANG_LABELS, LANGS, t
from dashboard.package import HASH_FUNCS, Dataset
from dashboard.queries import facts_values, topic_indicators

DEFAULT_REGION = "330900"  # 舟山市
LEVEL_ORDER = {"city": 0, "county": 1, "province": 2, "country": 3}
NOTICE_CHARS = 40  # echo at most this much of a bad parameter back to the reader
DATASET_KEY = "_dataset"


@dataclass(frozen=True)
class View:
    lang: str
    region: str


def current_view() -> View:
    """The view the sidebar selected; pages read it instead of touching widgets or the URL."""
    return View(lang=st.session_state.get("lang", DEFAULT_LANG), region=st.session_state.get("region", DEFAULT_REGION))


def keep_dataset(ds: Dataset) -> None:
    """Hand the dataset app.py loaded for this run to the page it runs next (one look at the files per run)."""
    st.session_state[DATASET_KEY] = ds


def current_dataset() -> Dataset:
    return st.session_state[DATASET_KEY]


def language_switch() -> str:
    _remember_bad_param("lang", LANG_LABELS.values())
    return st.sidebar.radio(
        t("sidebar.lang", DEFAULT_LANG), LANGS, format_func=LANG_LABELS.get,
        horizontal=True, key="lang", bind="query-params",
    )


def region_select(ds: Dataset, lang: str) -> str:
    labels = region_labels(ds)
    _remember_bad_param("region", labels.values())
    codes = list(labels)
    return st.sidebar.selectbox(
        t("sidebar.region", lang), codes, index=codes.index(DEFAULT_REGION),
        format_func=labels.get, key="region", bind="query-params",
    )


def metric_select(ds: Dataset, topic: str, lang: str) -> str | None:
    """The page's metric (an indicator of its topic), bound to `?metric=`."""
    labels = metric_labels(ds, topic)
    if not labels:
        return None
    _remember_bad_param("metric", labels.values())
    ids = list(labels)
    return st.sidebar.selectbox(t("sidebar.metric", lang), ids, format_func=labels.get, key="metric", bind="query-params")


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=HASH_FUNCS)
def metric_labels(ds: Dataset, topic: str) -> dict[str, str]:
    indicators = topic_indicators(ds, topic)
    return {r.id: f"{r.label_zh} · {r.label_en}" for r in indicators.itertuples()}


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=HASH_FUNCS)
def region_labels(ds: Dataset) -> dict[str, str]:
    """Regions that have figures, city first, then its counties, then wider context."""
    regions = ds.regions[ds.regions["code"].isin(facts_values(ds, "region")) | (ds.regions["code"] == DEFAULT_REGION)]
    regions = regions.assign(order=regions["level"].map(LEVEL_ORDER)).sort_values(["order", "code"])
    labels = {r.code: f"{r.name_zh} {r.name_en}" for r in regions.itertuples()}
    # The URL holds the label, so it must be unique: a repeated name (鼓楼区 is in several cities) gets its parent's.
    repeated = pd.Series(labels).duplicated(keep=False)
    parents = ds.regions.set_index("code")
    for code in repeated[repeated].index:
        parent = parents.at[code, "parent"]
        if parent in parents.index:
            labels[code] += f" · {parents.at[parent, 'name_zh']} {parents.at[parent, 'name_en']}"
    return labels


def share_url(page_path: str) -> str:
    """The full address of the current view: page path plus every query parameter."""
    base = urlsplit(st.context.url or "http://localhost:8501/")
    prefix = "/" + st.get_option("server.baseUrlPath").strip("/") if st.get_option("server.baseUrlPath") else ""
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    path = f"{prefix}/{page_path}".replace("//", "/")
    return urlunsplit((base.scheme, base.netloc, path, query, ""))


def show_url_notices(lang: str, where) -> None:
    """Tell the reader that part of their link was not understood, until they change a filter.

    Streamlit may run the script more than once while it opens a link (page resolution, URL
    correction), so the notice stays for the view it was raised in rather than for one run.
    """
    bad = st.session_state.get("_bad_params")
    if not bad:
        return
    view = tuple(st.session_state.get(key) for key in ("lang", "region", "metric"))
    shown_for = st.session_state.setdefault("_bad_params_view", view)
    if view != shown_for:
        del st.session_state["_bad_params"], st.session_state["_bad_params_view"]
        return
    for key, value in bad.items():
        shown = _printable(value[:NOTICE_CHARS]) + ("…" if len(value) > NOTICE_CHARS else "")
        where.warning(t("notice.bad_param", lang, param=key, value=f"`{shown}`"), icon=":material/link_off:")


def _printable(text: str) -> str:
    # Inside one Markdown code span: a backtick or line break would end it, a bidi control reorder the sentence.
    return "".join("'" if c == "`" else "\ufffd" if unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" else c
                   for c in text)


def _remember_bad_param(key: str, valid_labels) -> None:
    # Streamlit silently drops an unknown bound value; we note it on the first run to say so.
    if key in st.session_state:
        return
    raw = st.query_params.get_all(key)
    if raw and raw[-1] not in set(valid_labels):
        st.session_state.setdefault("_bad_params", {})[key] = raw[-1]
