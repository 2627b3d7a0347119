"""The Streamlit side of the view: the sidebar's controls, the address bar, and the session's memory of
both. Widget keys and session state live here and nowhere else; the rules (which code a link names,
what a view's query string is) are `url_state.py`'s pure functions, and why the sync is ours rather
than Streamlit's `bind` is said there.

Each control (1) takes its value from the link before it is drawn, when the link changed it (a new
link, an edited address), and (2) holds its code, which `write_address` puts into the address at the
end of the run. Links in the old label form still open their view, and the address is then
rewritten with codes. With no `lang` in the link, the browser's language chooses.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Collection

import pandas as pd
import streamlit as st

from dashboard.kernel.i18n import DEFAULT_LANG, LANG_LABELS, LANGS, t
from dashboard.kernel.model import HASH_FUNCS, Dataset
from dashboard.reading import url_state
from dashboard.reading.url_state import DEFAULT_REGION, FIGURE_KEY, View
from dashboard.reading.urls import Urls
from dashboard.storing.queries import topic_indicators

LEVEL_ORDER = {"city": 0, "county": 1, "province": 2, "country": 3}
NOTICE_CHARS = 40  # echo at most this much of a bad parameter back to the reader
WRITTEN = "_address_written"  # per key, what this session last wrote: the link changed it only if it differs
HELD = "_address_held"  # what this run's controls hold, written at its end
BAD = "_bad_params"  # values a link carried that no control knows, for the notice
BAD_VIEW = "_bad_params_view"


def _link() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def begin_run() -> None:
    st.session_state[HELD] = {}


def _adopt(key: str, codes: Collection[str], aliases: dict[str, str] | None = None) -> str | None:
    """Before control `key` is drawn: its value from the link, if the link changed it. In a session's first
    run the code is returned, for the control's default, rather than set (see `_opening_index`)."""
    raw = st.query_params.get_all(key)
    if not raw or st.session_state.get(WRITTEN, {}).get(key) == raw:
        return None  # nothing in the link, or what this session wrote: the control keeps its own value
    code, unknown = url_state.chosen(raw, codes, aliases)
    if unknown is not None:
        st.session_state.setdefault(BAD, {})[key] = unknown
        st.session_state.pop(key, None)
        return None
    if _first_run():
        return code
    st.session_state[key] = code
    return None


def _first_run() -> bool:
    return WRITTEN not in st.session_state  # write_address ends every run


def _opening_index(key: str, options: list[str], linked: str | None, fallback: str) -> int:
    """Where control `key` opens. In a session's first run nothing is set through session state: the
    link's code (or the fallback) is the widget's default, so a value the browser sends with that run wins.
    That run is a new tab's (which sends none) or, after a replica died, the first run on the live one
    of a tab that kept its page: the browser sends the reader's change with it while its address still
    names the view before the change, and a value set through session state would undo the change.
    Later runs: session state holds the value and the default stays 0 (a default beside a value set
    through session state makes Streamlit warn)."""
    if _first_run():
        return options.index(linked if linked in options else fallback)
    if st.session_state.get(key) not in options:  # none yet, an unknown code dropped, another page's metric
        st.session_state[key] = fallback
    return 0


def _hold(key: str, value: str | list[str] | None) -> None:
    st.session_state.setdefault(HELD, {})[key] = value


def write_address() -> None:
    """At the end of the run: the address holds each control's code, and no parameter of ours else."""
    wanted = url_state.params_to_write(st.session_state.get(HELD, {}))
    for key, values in wanted.items():
        if st.query_params.get_all(key) != values:
            if values:
                st.query_params[key] = values if len(values) > 1 else values[0]
            else:
                del st.query_params[key]
    for name in url_state.legacy_keys(_link()):
        del st.query_params[name]
    st.session_state[WRITTEN] = wanted


def held_view() -> View:
    """The view this run's controls hold (with the figure the link names): what a shared link reopens."""
    held = st.session_state.get(HELD, {})
    return View(lang=held.get("lang") or DEFAULT_LANG, region=held.get("region") or DEFAULT_REGION,
                metric=held.get("metric"), period=held.get("period"), sectors=tuple(url_state.listed(held.get("sector"))),
                fact_id=st.query_params.get(FIGURE_KEY) or None)


def urls() -> Urls:
    """The link builder for this reader's site: the address their browser used, under the base path."""
    return Urls(st.context.url or "http://localhost:8501/", st.get_option("server.baseUrlPath") or "")


def browser_language() -> str:
    """中文 for a browser set to any Chinese (zh, zh-CN, zh-TW, …), English for any other language."""
    locale = st.context.locale
    if not locale:
        return DEFAULT_LANG  # not said (e.g. a test session): Chinese first
    return "zh" if locale.lower().startswith("zh") else "en"


def language_switch() -> str:
    linked = _adopt("lang", LANGS, aliases={label: lang for lang, label in LANG_LABELS.items()})
    index = _opening_index("lang", list(LANGS), linked, browser_language())
    lang = st.sidebar.radio(t("sidebar.lang", DEFAULT_LANG), LANGS, index=index, format_func=LANG_LABELS.get,
                            horizontal=True, key="lang")
    _hold("lang", lang)
    return lang


def region_select(ds: Dataset, lang: str) -> str:
    labels = region_labels(ds)
    linked = _adopt("region", labels, aliases={label: code for code, label in labels.items()})
    index = _opening_index("region", list(labels), linked, DEFAULT_REGION)
    region = st.sidebar.selectbox(t("sidebar.region", lang), list(labels), index=index, format_func=labels.get,
                                  key="region")
    _hold("region", region)
    return region


def metric_select(ds: Dataset, topic: str | None, lang: str) -> str | None:
    """The page's metric (an indicator of its topic), in the address as `?metric=<indicator id>`."""
    labels = metric_labels(ds, topic) if topic else {}
    if not labels:
        return None
    linked = _adopt("metric", labels, aliases={label: indicator for indicator, label in labels.items()})
    index = _opening_index("metric", list(labels), linked, next(iter(labels)))
    metric = st.sidebar.selectbox(t("sidebar.metric", lang), list(labels), index=index, format_func=labels.get,
                                  key="metric")
    _hold("metric", metric)
    return metric


def period_select(kinds: tuple[str, ...], lang: str) -> str | None:
    """Which kind of period a time chart draws (one at a time), in the address as `?period=`; monthly by default."""
    if not kinds:
        return None
    linked = _adopt("period", kinds)
    index = _opening_index("period", list(kinds), linked, "month" if "month" in kinds else kinds[0])
    period = st.radio(t("enf.period", lang), kinds, index=index,
                      format_func=lambda kind: t(f"chart.period.{kind}", lang), horizontal=True, key="period")
    _hold("period", period)
    return period


def sector_key(sector: str) -> str:
    return f"sector_{sector}"


def opened_sectors(ids: list[str]) -> None:
    """Before the sectors' expanders are drawn (keys: `sector_key`): open those the link names
    (`?sector=schools`), and those it still names when they are drawn again (after an area without
    sector figures)."""
    named = url_state.values_in(_link(), "sector")
    changed = bool(named) and st.session_state.get(WRITTEN, {}).get("sector") != st.query_params.get_all("sector")
    linked, unknown = url_state.chosen_many(named, ids)
    if changed and unknown is not None:
        st.session_state.setdefault(BAD, {})["sector"] = unknown
    for sector in ids:
        if changed:
            st.session_state[sector_key(sector)] = sector in linked
        elif sector_key(sector) not in st.session_state:
            st.session_state[sector_key(sector)] = sector in named


def hold_sectors(opened: list[str] | None = None) -> None:
    """The opened sectors into the address; without `opened` (none drawn here), the ones it names stay."""
    _hold("sector", (url_state.values_in(_link(), "sector") if opened is None else opened) or None)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=HASH_FUNCS)
def metric_labels(ds: Dataset, topic: str) -> dict[str, str]:
    indicators = topic_indicators(ds, topic)
    return {r.id: f"{r.label_zh} · {r.label_en}" for r in indicators.itertuples()}


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=HASH_FUNCS)
def region_labels(ds: Dataset) -> dict[str, str]:
    """Regions that have figures, city first, then its counties, then wider context. One dict shared by
    every session and never changed (st.cache_data unpickled a copy of 2,800 labels on every rerun)."""
    regions = ds.regions[ds.regions["code"].isin(ds.store.values("region")) | (ds.regions["code"] == DEFAULT_REGION)]
    regions = regions.assign(order=regions["level"].map(LEVEL_ORDER)).sort_values(["order", "code"])
    labels = {r.code: f"{r.name_zh} {r.name_en}" for r in regions.itertuples()}
    # Old links hold the label, and a reader must tell them apart: a repeated name (鼓楼区 is in several
    # cities) gets its parent's.
    named = pd.Series(labels)
    repeated = named[named.duplicated(keep=False)]
    # One lookup for all of them: at national scale about 2,800 districts share a name with another.
    parents = ds.regions.drop_duplicates("code").set_index("code")
    parent = repeated.index.map(parents["parent"])
    known = parent.isin(parents.index)
    parent_names = parents["name_zh"].reindex(parent[known]) + " " + parents["name_en"].reindex(parent[known])
    labels.update(zip(repeated.index[known], repeated[known] + " · " + parent_names.to_numpy()))
    return labels


def show_url_notices(lang: str, where) -> None:
    """Tell the reader that part of their link was not understood, until they change a filter.

    Streamlit may run the script more than once while it opens a link (page resolution, URL
    correction), so the notice stays for the view it was raised in rather than for one run.
    """
    bad = st.session_state.get(BAD)
    if not bad:
        return
    view = tuple(st.session_state.get(key) for key in ("lang", "region", "metric", "period"))
    shown_for = st.session_state.setdefault(BAD_VIEW, view)
    if view != shown_for:
        del st.session_state[BAD], st.session_state[BAD_VIEW]
        return
    for key, value in bad.items():
        shown = printable(value[:NOTICE_CHARS]) + ("…" if len(value) > NOTICE_CHARS else "")
        where.warning(t("notice.bad_param", lang, param=key, value=f"`{shown}`"), icon=":material/link_off:")


def printable(text: str) -> str:
    # Inside one Markdown code span: a backtick or line break would end it, a bidi control reorder the sentence.
    return "".join("'" if c == "`" else "\ufffd" if unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" else c
                   for c in text)
