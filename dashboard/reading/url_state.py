"""A view and its query string, both ways, as pure functions: `?lang=en&region=330902&metric=cases_filed`.

The address holds codes, never display labels, so a shared link survives a corrected name. This is
why the sync is ours and not Streamlit's `bind="query-params"`: that writes an option's *label* into
the URL (streamlit issue #14224, open). Drop this and `controls.py` for `bind` once Streamlit can
write option values. Nothing here touches Streamlit: `controls.py` is the thin adapter that reads
`st.query_params`, keeps what a session wrote, and draws the widgets.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from dashboard.kernel.i18n import DEFAULT_LANG

KEYS = ("lang", "region", "metric", "period", "sector")  # the order they appear in a link
FIGURE_KEY = "id"  # a figure page's own parameter: read from the link, never rewritten
LEGACY_SECTOR_PREFIX = "sector_"  # old links opened a sector with ?sector_schools=true
DEFAULT_REGION = "330900"  # 舟山市: the bundled package's city, where a link without a region opens

Params = Mapping[str, list[str]]  # every value of each query parameter, as the address holds them


@dataclass(frozen=True)
class View:
    """What a reader is looking at, as codes: everything a link must carry to reopen it."""

    lang: str = DEFAULT_LANG
    region: str = DEFAULT_REGION
    metric: str | None = None  # an indicator id of the page's topic
    period: str | None = None  # a kind of period: month, year_to_date, year
    sectors: tuple[str, ...] = ()  # the opened sectors on the sectors page
    fact_id: str | None = None  # the figure page's figure

    def params(self) -> list[tuple[str, str]]:
        """(key, code) pairs in link order; a view's own figure id first."""
        values = {"lang": self.lang, "region": self.region, "metric": self.metric, "period": self.period,
                  "sector": list(self.sectors)}
        pairs = [(FIGURE_KEY, self.fact_id)] if self.fact_id else []
        return pairs + [(key, value) for key in KEYS for value in listed(values[key])]

    def query(self) -> str:
        """'lang=en&region=330902&metric=cases_filed'"""
        return urlencode(self.params())


def values_in(params: Params, key: str) -> list[str]:
    """What the address holds for `key`, old forms included (`?sector_schools=true` for `?sector=schools`)."""
    found = list(params.get(key, []))
    if key == "sector":
        found += [name.removeprefix(LEGACY_SECTOR_PREFIX) for name, values in params.items()
                  if name.startswith(LEGACY_SECTOR_PREFIX) and values and values[-1] == "true"]
    return found


def legacy_keys(params: Params) -> list[str]:
    """Parameters in an old form, which the address drops once their codes are written."""
    return [name for name in params if name.startswith(LEGACY_SECTOR_PREFIX)]


def chosen(values: list[str], codes: Collection[str], aliases: Mapping[str, str] | None = None
           ) -> tuple[str | None, str | None]:
    """(code, unknown value) for a one-valued key: the last value counts, as in Streamlit; an old link's
    label is read through `aliases`; anything else is unknown, for the reader's notice."""
    if not values:
        return None, None
    value = values[-1]
    code = value if value in codes else (aliases or {}).get(value)
    return (code, None) if code is not None else (None, value)


def chosen_many(values: list[str], codes: Collection[str]) -> tuple[list[str], str | None]:
    """(known codes, last unknown value) for a many-valued key such as `sector`."""
    unknown = [value for value in values if value not in codes]
    return [value for value in values if value in codes], (unknown[-1] if unknown else None)


def view_from_params(params: Params, codes: Mapping[str, Collection[str]]) -> tuple[View, dict[str, str]]:
    """The view a link asks for, and the values it carried that no control knows (`codes` per key:
    the languages, regions, the page's metrics, period kinds, sectors; a key without codes is
    left at its default). Unknown values fall back to the default."""
    found, bad = {}, {}
    for key in ("lang", "region", "metric", "period"):
        code, unknown = chosen(values_in(params, key), codes.get(key, ()))
        if code is not None:
            found[key] = code
        if unknown is not None:
            bad[key] = unknown
    sectors, unknown = chosen_many(values_in(params, "sector"), codes.get("sector", ()))
    if unknown is not None:
        bad["sector"] = unknown
    fact_id = (params.get(FIGURE_KEY) or [None])[-1]
    return View(**found, sectors=tuple(sectors), fact_id=fact_id), bad


def params_to_write(held: Mapping[str, str | list[str] | None]) -> dict[str, list[str]]:
    """What the address should hold for each of our keys after a run: the controls' codes, [] for none."""
    return {key: listed(held.get(key)) for key in KEYS}


def listed(value) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)
