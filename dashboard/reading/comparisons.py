"""Honest comparisons (issue #28): an area's figure beside its province's and the country's only when
both publish the same measure for the same period, also per 100,000 residents (census rows in data/,
the arithmetic written out); when the periods differ, a sentence says so and nothing is compared.

The pairing and the rate are pure functions of DataFrames; `comparison_lines` and `per_100k_text` put
them into words for a page."""
from __future__ import annotations

import pandas as pd

from dashboard.kernel.i18n import format_number, format_period, format_value, t
from dashboard.kernel.model import Dataset
from dashboard.reading.labels import indicator_label, region_name
from dashboard.reading.section_cache import cached
from dashboard.storing.queries import fact_record, facts_for

COMPARED = ("clues_handled", "cases_filed", "people_disciplined", "eight_point_cases",
            "eight_point_people_handled", "eight_point_people_disciplined")
COUNTED = {"case", "person", "person_time"}  # a rate per resident means something only for counts


def per_100k(value: float, population: float) -> float:
    return float(value) / float(population) * 100_000


def census_row(population: pd.DataFrame, region: str, day) -> pd.Series | None:
    """The region's census population nearest in time to `day` (a census is a point: its period_end)."""
    rows = population[population["region"] == region]
    if rows.empty:
        return None
    gaps = (pd.to_datetime(rows["period_end"]) - pd.Timestamp(day)).abs()
    return rows.loc[gaps.idxmin()]


def pair_up(own: pd.DataFrame, others: pd.DataFrame) -> pd.DataFrame:
    """Each of the area's figures with, per other area, that area's figure of the same indicator for
    the same period (`same` True) or else the one whose period ends nearest (`same` False)."""
    rows = []
    for fact in own.itertuples(index=False):
        mine = others[others["indicator"] == fact.indicator]
        for region, theirs in mine.groupby("region", sort=False):
            same = theirs[(theirs["period_start"] == fact.period_start) & (theirs["period_end"] == fact.period_end)]
            if same.empty:
                gaps = (pd.to_datetime(theirs["period_end"]) - pd.Timestamp(fact.period_end)).abs()
                other, is_same = theirs.loc[gaps.idxmin()], False
            else:
                other, is_same = same.iloc[0], True
            rows.append({"own": fact._asdict(), "other": other.to_dict(), "same": is_same})
    return pd.DataFrame(rows, columns=["own", "other", "same"])


def ancestors(ds: Dataset, region: str) -> list[str]:
    parents = dict(zip(ds.regions["code"], ds.regions["parent"].fillna("")))
    chain, code = [], parents.get(region, "")
    while code:
        chain.append(code)
        code = parents.get(code, "")
    return chain


@cached
def area_comparisons(ds: Dataset, region: str, lang: str) -> tuple[str, ...]:
    """Every compared measure of the area (a page's section): kept in the section cache, as a filter
    rerun to an area seen before should not ask the store again (#32)."""
    return comparison_lines(ds, region, lang)


def comparison_lines(ds: Dataset, region: str, lang: str, own: pd.DataFrame | None = None) -> tuple[str, ...]:
    """One sentence per pair: side by side with rates when the periods are the same, else why not.
    `own`: only these of the area's figures (a figure's page), else every compared measure's."""
    above = ancestors(ds, region)
    if not above:
        return ()
    # The wider areas first: most have no compared measure, and then the area's own are never asked for.
    others = facts_for(ds, indicators=list(COMPARED), regions=above)
    if others.empty:
        return ()
    own = facts_for(ds, indicators=list(COMPARED), regions=[region]) if own is None else own
    population = facts_for(ds, indicators=["population"], regions=[region, *above])
    lines = []
    for pair in pair_up(own, others).itertuples(index=False):
        mine, theirs = pair.own, pair.other
        words = dict(label=indicator_label(ds, mine["indicator"], lang), place=region_name(ds, region, lang),
                     other=region_name(ds, theirs["region"], lang),
                     value=_value(mine, lang), other_value=_value(theirs, lang),
                     period=format_period(mine["period_start"], mine["period_end"], lang),
                     other_period=format_period(theirs["period_start"], theirs["period_end"], lang))
        if not pair.same:
            lines.append(t("cmp.differs", lang, **words))
            continue
        rates = [per_100k_text(fact, population, lang) for fact in (mine, theirs)]
        lines.append(t("cmp.same", lang, **words, rate=rates[0] or "—", other_rate=rates[1] or "—"))
    return tuple(lines)


def per_100k_text(fact, population: pd.DataFrame, lang: str) -> str:
    """'<value> ÷ <census population> × 100,000 ≈ <rate> (…census year, source…)' with both numbers from
    the facts, or '' when there is no census row or the figure is not a count."""
    fact = dict(fact)
    census = census_row(population, fact["region"], fact["period_end"])
    if census is None or fact["unit"] not in COUNTED or fact["indicator"] == "population":
        return ""
    rate = per_100k(fact["value"], census["value"])
    return t("figure.per_100k_text", lang, value=format_number(float(fact["value"])),
             population=format_number(float(census["value"])), rate=f"{rate:,.1f}",
             census=pd.Timestamp(census["period_end"]).year, source=census["source"])


def _value(fact: dict, lang: str) -> str:
    return format_value(float(fact["value"]), fact["qualifier"], fact["unit"], lang, fact.get("unit_word") or "")


def figure_rate_and_comparisons(ds: Dataset, fact_id: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """A figure's page: its rate per 100,000 residents with the arithmetic, and its comparisons."""
    fact = fact_record(ds, fact_id)
    if fact is None:
        return "", ()
    population = facts_for(ds, indicators=["population"], regions=[fact["region"]])
    rate = per_100k_text(fact.to_dict(), population, lang)
    own = facts_for(ds, indicators=[fact["indicator"]], regions=[fact["region"]])
    own = own[own["fact_id"] == fact_id] if fact["indicator"] in COMPARED else own.iloc[0:0]
    return rate, comparison_lines(ds, fact["region"], lang, own) if len(own) else ()
