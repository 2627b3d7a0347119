"""The view in the address bar, as codes: `?lang=en&region=330902&metric=cases_filed&sector=schools`.

Why by hand: Streamlit's `bind="query-params"` writes an option's *label* into the URL (streamlit
issue #14224, open), so a shared link would carry display names ("定海区 Dinghai District") that
break when a name is corrected. Here each control (1) takes its value from the link, before it is
drawn, when the link changed it (a new link, an edited address), and (2) its code is written back
at the end of the run. Links in the old label form still open their view, and the address is then
rewritten with codes. Drop this module for `bind` once Streamlit can write option values.
"""
from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlencode

import streamlit as st

KEYS = ("lang", "region", "metric", "period", "sector")  # the order they appear in a link
LEGACY_SECTOR_PREFIX = "sector_"  # old links opened a sector with ?sector_schools=true
WRITTEN = "_address_written"  # per key, what this session last wrote: the link changed it only if it differs
HELD = "_address_held"  # what this run's controls hold, written at its end
BAD = "_bad_params"  # values a link carried that no control knows, for the notice (filters.show_url_notices)


def begin_run() -> None:
    st.session_state[HELD] = {}


def adopt(key: str, codes: Collection[str], aliases: dict[str, str] | None = None) -> None:
    """Before control `key` is drawn: its value from the link, if the link changed it. `aliases` maps
    old links' labels to codes; anything else unknown falls back to the default, with a notice."""
    raw = st.query_params.get_all(key)
    if not raw or st.session_state.get(WRITTEN, {}).get(key) == raw:
        return  # nothing in the link, or what this session wrote: the control keeps its own value
    value = raw[-1]  # a repeated key: the last one counts, as in Streamlit
    code = value if value in codes else (aliases or {}).get(value)
    if code is None:
        st.session_state.setdefault(BAD, {})[key] = value
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = code


def linked_values(key: str, codes: Collection[str]) -> list[str] | None:
    """The codes a link gives for a many-valued key (`?sector=a&sector=b`, or old `?sector_a=true`),
    or None when the link did not change them."""
    raw = st.query_params.get_all(key)
    if (not raw and not _legacy(key)) or st.session_state.get(WRITTEN, {}).get(key) == raw:
        return None
    unknown = [value for value in raw if value not in codes]
    if unknown:
        st.session_state.setdefault(BAD, {})[key] = unknown[-1]
    return [value for value in current_values(key) if value in codes]


def current_values(key: str) -> list[str]:
    """What the address holds for a many-valued key now, old forms included."""
    return [*st.query_params.get_all(key), *_legacy(key)]


def _legacy(key: str) -> list[str]:
    if key != "sector":
        return []
    return [name.removeprefix(LEGACY_SECTOR_PREFIX) for name in st.query_params
            if name.startswith(LEGACY_SECTOR_PREFIX) and st.query_params[name] == "true"]


def hold(key: str, value: str | list[str] | None) -> None:
    """What control `key` shows in this run: written into the address at its end."""
    st.session_state.setdefault(HELD, {})[key] = value


def write() -> None:
    """At the end of the run: the address holds each control's code, and no parameter of ours else."""
    held = st.session_state.get(HELD, {})
    written = {}
    for key in KEYS:
        values = _listed(held.get(key))
        if st.query_params.get_all(key) != values:
            if values:
                st.query_params[key] = values if len(values) > 1 else values[0]
            else:
                del st.query_params[key]
        written[key] = values
    for name in [name for name in st.query_params if name.startswith(LEGACY_SECTOR_PREFIX)]:
        del st.query_params[name]
    st.session_state[WRITTEN] = written


def query(**values: str | None) -> str:
    """'lang=en&region=330902&metric=cases_filed': this run's controls (or the given values), in link order."""
    held = values or st.session_state.get(HELD, {})
    pairs = [(key, value) for key in KEYS for value in _listed(held.get(key))]
    return urlencode(pairs)


def link(path: str, **values: str | None) -> str:
    """A relative link to a page's view: 'enforcement?lang=en&region=330902&metric=cases_filed'."""
    return f"{path}?{query(**values)}"


def _listed(value) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)
