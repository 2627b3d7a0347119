"""The shared sidebar's filters: language, district and a page's metric, each in the address as a code.

The address ⇄ control sync is `address.py` (why it is not Streamlit's `bind`: see there). With no
`lang` in the link, the reader's browser language chooses: 中文 for zh*, English otherwise.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from dashboard.reading import address
from dashboard.kernel.i18n import DEFAULT_LANG, LANG_LABELS, LANGS, t
from dashboard.kernel.model import HASH_FUNCS, Dataset
from dashboard.storing.queries import topic_indicators

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


def browser_language() -> str:
    """中文 for a browser set to any Chinese (zh, zh-CN, zh-TW, …), English for any other language."""
    locale = st.context.locale
    if not locale:
        return DEFAULT_LANG  # not said (e.g. a test session): Chinese first
    return "zh" if locale.lower().startswith("zh") else "en"


def language_switch() -> str:
    address.adopt("lang", LANGS, aliases={label: lang for lang, label in LANG_LABELS.items()})
    st.session_state.setdefault("lang", browser_language())
    lang = st.sidebar.radio(t("sidebar.lang", DEFAULT_LANG), LANGS, format_func=LANG_LABELS.get,
                            horizontal=True, key="lang")
    address.hold("lang", lang)
    return lang


def region_select(ds: Dataset, lang: str) -> str:
    labels = region_labels(ds)
    address.adopt("region", labels, aliases={label: code for code, label in labels.items()})
    st.session_state.setdefault("region", DEFAULT_REGION)
    region = st.sidebar.selectbox(t("sidebar.region", lang), list(labels), format_func=labels.get, key="region")
    address.hold("region", region)
    return region


def metric_select(ds: Dataset, topic: str, lang: str) -> str | None:
    """The page's metric (an indicator of its topic), in the address as `?metric=<indicator id>`."""
    labels = metric_labels(ds, topic)
    if not labels:
        return None
    address.adopt("metric", labels, aliases={label: indicator for indicator, label in labels.items()})
    if st.session_state.get("metric") not in labels:  # another page's metric, or none yet
        st.session_state["metric"] = next(iter(labels))
    metric = st.sidebar.selectbox(t("sidebar.metric", lang), list(labels), format_func=labels.get, key="metric")
    address.hold("metric", metric)
    return metric


def period_select(kinds: tuple[str, ...], lang: str) -> str | None:
    """Which kind of period a time chart draws (one at a time), in the address as `?period=`; monthly by default."""
    if not kinds:
        return None
    address.adopt("period", kinds)
    if st.session_state.get("period") not in kinds:
        st.session_state["period"] = "month" if "month" in kinds else kinds[0]
    period = st.radio(t("enf.period", lang), kinds, format_func=lambda kind: t(f"chart.period.{kind}", lang),
                      horizontal=True, key="period")
    address.hold("period", period)
    return period


def opened_sectors(ids: list[str]) -> None:
    """Before the sectors' expanders are drawn: open those the link names (`?sector=schools`), and
    those it still names when they are drawn again (after an area without sector figures)."""
    linked = address.linked_values("sector", ids)
    named = address.current_values("sector")
    for sector in ids:
        key = f"sector_{sector}"
        if linked is not None:
            st.session_state[key] = sector in linked
        elif key not in st.session_state:
            st.session_state[key] = sector in named


def hold_sectors(opened: list[str] | None = None) -> None:
    """The opened sectors into the address; without `opened` (none drawn here), the ones it names stay."""
    address.hold("sector", (address.current_values("sector") if opened is None else opened) or None)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=HASH_FUNCS)
def metric_labels(ds: Dataset, topic: str) -> dict[str, str]:
    indicators = topic_indicators(ds, topic)
    return {r.id: f"{r.label_zh} · {r.label_en}" for r in indicators.itertuples()}


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=HASH_FUNCS)
def region_labels(ds: Dataset) -> dict[str, str]:
    """Regions that have figures, city first, then its counties, then wider context."""
    regions = ds.regions[ds.regions["code"].isin(ds.store.values("region")) | (ds.regions["code"] == DEFAULT_REGION)]
    regions = regions.assign(order=regions["level"].map(LEVEL_ORDER)).sort_values(["order", "code"])
    labels = {r.code: f"{r.name_zh} {r.name_en}" for r in regions.itertuples()}
    # Old links hold the label, and a reader must tell them apart: a repeated name (鼓楼区 is in several
    # cities) gets its parent's.
    repeated = pd.Series(labels).duplicated(keep=False)
    parents = ds.regions.set_index("code")
    for code in repeated[repeated].index:
        parent = parents.at[code, "parent"]
        if parent in parents.index:
            labels[code] += f" · {parents.at[parent, 'name_zh']} {parents.at[parent, 'name_en']}"
    return labels


def share_url(page_path: str) -> str:
    """The full address of the current view, with codes: page path plus every control's value, the
    language always (a shared link opens in the sharer's language). `page_path` may carry its own
    query ('figure?id=…'), which comes first."""
    base = urlsplit(st.context.url or "http://localhost:8501/")
    prefix = "/" + st.get_option("server.baseUrlPath").strip("/") if st.get_option("server.baseUrlPath") else ""
    path, _, own = page_path.partition("?")
    path = f"{prefix}/{path}".replace("//", "/")
    return urlunsplit((base.scheme, base.netloc, path, "&".join(filter(None, [own, address.query()])), ""))


def show_url_notices(lang: str, where) -> None:
    """Tell the reader that part of their link was not understood, until they change a filter.

    Streamlit may run the script more than once while it opens a link (page resolution, URL
    correction), so the notice stays for the view it was raised in rather than for one run.
    """
    bad = st.session_state.get(address.BAD)
    if not bad:
        return
    view = tuple(st.session_state.get(key) for key in ("lang", "region", "metric", "period"))
    shown_for = st.session_state.setdefault("_bad_params_view", view)
    if view != shown_for:
        del st.session_state[address.BAD], st.session_state["_bad_params_view"]
        return
    for key, value in bad.items():
        shown = printable(value[:NOTICE_CHARS]) + ("…" if len(value) > NOTICE_CHARS else "")
        where.warning(t("notice.bad_param", lang, param=key, value=f"`{shown}`"), icon=":material/link_off:")


def printable(text: str) -> str:
    # Inside one Markdown code span: a backtick or line break would end it, a bidi control reorder the sentence.
    return "".join("'" if c == "`" else "\ufffd" if unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" else c
                   for c in text)
