"""Questions asked of the Dataset: plain pandas in, plain frames out.

No language and no wording here: labels come as data columns (`label_zh`, `label_en`, …) and
`labels.py` picks the reader's. Facts are asked of `ds.store` only (five questions: rows of regions
and indicators, one fact, a column's values, the count, counts per cell), so the same functions
serve the package in memory and a database (`serving.py`). Nothing here is cached: the sections that
call these functions are (`sections.py`), keyed on plain values.
"""
from __future__ import annotations

import pandas as pd

from dashboard.kernel.model import Dataset
from dashboard.kernel.schema import enum

FUNNEL = ("clues_handled", "cases_filed", "people_disciplined")
EIGHT_POINT = ("eight_point_cases", "eight_point_people_handled", "eight_point_people_disciplined")
NATIONAL = "100000"
COVERAGE_CELLS = 5000  # a chart ships at most this many points to the browser
PERIOD_KINDS = ("month", "year_to_date", "year", "other")
TOPICS = enum("indicators", "topic")  # in the schema's order: enforcement first, context last


def facts_with_labels(ds: Dataset, facts: pd.DataFrame) -> pd.DataFrame:
    """`facts` joined with their indicator's topic, labels and definitions."""
    # A join on the indicators' (unique) ids: a third of a merge's time on a page's rows (measured).
    return facts.join(ds.indicators.rename(columns={"id": "indicator"}).set_index("indicator"), on="indicator")


def facts_for(ds: Dataset, *, indicators=None, regions=None, topic: str | None = None,
              in_sectors: bool = False) -> pd.DataFrame:
    """Labelled facts filtered by indicator ids, region codes, topic and/or naming a sector (`in_sectors`),
    oldest first (then by id).

    The filters go to the store (an index lookup in memory, one parameterised query in a database);
    the labels are joined after, so the join touches only the rows shown."""
    if topic is not None:
        of_topic = ds.indicators.loc[ds.indicators["topic"] == topic, "id"].tolist()
        indicators = of_topic if indicators is None else [i for i in indicators if i in set(of_topic)]
    facts = facts_with_labels(ds, ds.store.rows(regions=regions, indicators=indicators, in_sectors=in_sectors))
    return facts.sort_values(["period_end", "period_start", "fact_id"]).reset_index(drop=True)


def period_kind(start, end) -> str:
    """'month', 'year_to_date', 'year' or 'other': figures of different kinds never share a line."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return "other"
    if (start.month, start.day) == (1, 1) and start.year == end.year:
        if (end.month, end.day) == (12, 31):
            return "year"
        return "month" if end.month == 1 and end.is_month_end else "year_to_date"
    one_month = start.day == 1 and end.is_month_end and (start.year, start.month) == (end.year, end.month)
    return "month" if one_month else "other"


def national_eight_point(ds: Dataset, kind: str | None = None) -> pd.DataFrame:
    """Eight-point cases nationwide, oldest first, with each figure's period kind; only `kind` if given."""
    facts = facts_for(ds, indicators=["eight_point_cases"], regions=[NATIONAL])
    facts = facts.assign(period_kind=[period_kind(s, e) for s, e in zip(facts["period_start"], facts["period_end"])])
    return facts if kind is None else facts[facts["period_kind"] == kind].reset_index(drop=True)


def latest_per_indicator(facts: pd.DataFrame, order=None) -> pd.DataFrame:
    """The latest figure of each indicator in `facts`, in `order` (default: as they come)."""
    present = set(facts["indicator"])  # once: in the condition below it was built again for every indicator
    order = [i for i in (order or dict.fromkeys(facts["indicator"])) if i in present]
    latest = facts.sort_values(["period_end", "period_start"]).groupby("indicator", observed=True).tail(1)
    return latest.set_index("indicator").loc[order].reset_index()


def headline_facts(ds: Dataset, region: str, topic: str = "enforcement") -> pd.DataFrame:
    """The region's latest figure of each indicator of one topic, in the indicators' order."""
    return latest_per_indicator(facts_for(ds, regions=[region], topic=topic), order=list(ds.indicators["id"]))


def headline_topics(ds: Dataset, region: str) -> list[tuple[str, pd.DataFrame]]:
    """(topic, the region's latest figure of each of its indicators) for every topic the region has
    published, in the schema's order of topics: what an area's overview leads with."""
    facts = facts_for(ds, regions=[region])
    order = list(ds.indicators["id"])
    return [(topic, latest_per_indicator(facts[facts["topic"] == topic], order=order))
            for topic in TOPICS if (facts["topic"] == topic).any()]


def topic_indicators(ds: Dataset, topic: str) -> pd.DataFrame:
    """Indicators of one topic that have at least one figure, in the indicators' order."""
    indicators = ds.indicators[ds.indicators["topic"] == topic]
    return indicators[indicators["id"].isin(ds.store.values("indicator"))].reset_index(drop=True)


def area_regions(ds: Dataset, region: str) -> pd.DataFrame:
    """The selected region and the regions directly under it (a city and its counties)."""
    regions = ds.regions
    chosen = regions[(regions["code"] == region) | (regions["parent"] == region)]
    if len(chosen) == 1 and chosen.iloc[0]["parent"]:
        parent = chosen.iloc[0]["parent"]  # a county: show it beside its siblings
        chosen = regions[(regions["code"] == parent) | (regions["parent"] == parent)]
    return chosen[["code", "name_zh", "name_en"]].reset_index(drop=True)


def funnel_facts(ds: Dataset, region: str) -> pd.DataFrame:
    """Clues → cases → people for the latest period in which all three were published."""
    facts = facts_for(ds, indicators=FUNNEL, regions=[region])
    complete = facts.groupby(["period_start", "period_end"])["indicator"].nunique()
    complete = complete[complete == len(FUNNEL)]
    if complete.empty:
        return facts.iloc[0:0]
    start, end = sorted(complete.index, key=lambda p: (p[1], p[0]))[-1]
    chosen = facts[(facts["period_start"] == start) & (facts["period_end"] == end)]
    return chosen.set_index("indicator").loc[list(FUNNEL)].reset_index()


def eight_point_facts(ds: Dataset, region: str) -> pd.DataFrame:
    """The region's latest eight-point-rule figures (cases, people dealt with, people disciplined)."""
    return latest_per_indicator(facts_for(ds, indicators=EIGHT_POINT, regions=[region]), order=EIGHT_POINT)


def before_after_pairs(ds: Dataset, region: str) -> pd.DataFrame:
    """Durations published as a before/after pair: two indicators of one `measure`, stages before and after."""
    facts = facts_for(ds, regions=[region], topic="approvals")
    before, after = facts[facts["stage"] == "before"], facts[facts["stage"] == "after"]
    pairs = before.merge(after, on="measure", suffixes=("_b", "_a"))
    return pd.DataFrame({
        "measure": pairs["measure"],
        "measure_label_zh": pairs["measure_label_zh_a"], "measure_label_en": pairs["measure_label_en_a"],
        "before_value": pairs["value_b"], "before_unit": pairs["unit_b"], "before_unit_word": pairs["unit_word_b"], "before_qualifier": pairs["qualifier_b"],
        "after_value": pairs["value_a"], "after_unit": pairs["unit_a"], "after_unit_word": pairs["unit_word_a"], "after_qualifier": pairs["qualifier_a"],
        "period_end": pairs["period_end_a"],
        # Both figures are quoted under the chart: two rows per pair, as facts are.
        "source": pairs["source_a"], "source_before": pairs["source_b"],
        "locator": pairs["locator_a"], "locator_before": pairs["locator_b"],
        "fact_id": pairs["fact_id_a"], "fact_id_before": pairs["fact_id_b"],
    })


def pair_quotes(pairs: pd.DataFrame) -> pd.DataFrame:
    """(source, locator, fact_id) of both figures of every pair, the before figure first."""
    rows = [row for pair in pairs.itertuples() for row in ((pair.source_before, pair.locator_before, pair.fact_id_before),
                                                            (pair.source, pair.locator, pair.fact_id))]
    return pd.DataFrame(rows, columns=["source", "locator", "fact_id"])


def approvals_with_unit(ds: Dataset, region: str, unit: str) -> pd.DataFrame:
    """The region's latest approvals figure of each indicator published in `unit` (times, percent)."""
    latest = latest_per_indicator(facts_for(ds, regions=[region], topic="approvals"))
    return latest[latest["unit"] == unit]


def period_count(facts: pd.DataFrame) -> int:
    """How many distinct periods `facts` cover."""
    return len(facts[["period_start", "period_end"]].drop_duplicates())


def source_record(ds: Dataset, source_id: str) -> dict:
    return ds.sources.set_index("id").loc[source_id].to_dict() | {"id": source_id}


def sources_with_quotes(ds: Dataset, facts: pd.DataFrame) -> list[tuple[dict, list[tuple[str, str]]]]:
    """Each source of `facts` once, in order of first use, with the distinct quotes taken from it, each
    with the id of the first fact it quotes ('' for an event, or rows without a `fact_id`)."""
    ids = facts["fact_id"] if "fact_id" in facts else [""] * len(facts)
    quotes: dict[str, dict[str, str]] = {}
    for source_id, locator, fact_id in zip(facts["source"], facts["locator"], ids):
        quotes.setdefault(source_id, {}).setdefault(locator, fact_id if isinstance(fact_id, str) else "")
    return [(source_record(ds, source_id), list(found.items())) for source_id, found in quotes.items()]


def fact_record(ds: Dataset, fact_id: str) -> pd.Series | None:
    """One fact with its indicator's labels and definitions, or None when no fact has this id."""
    facts = ds.store.by_id(fact_id)
    return None if facts.empty else facts_with_labels(ds, facts).iloc[0]


def sector_facts_and_events(ds: Dataset, region: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Facts and events of the area that name one of the six sectors."""
    area = area_regions(ds, region)["code"]
    events = ds.events[ds.events["region"].isin(area) & (ds.events["sector"] != "")].sort_values("date")
    return facts_for(ds, regions=area, in_sectors=True), events


def quoted(*frames: pd.DataFrame) -> pd.DataFrame:
    """Source, quote and fact id ('' for an event) of every row of `frames` (facts, events), in order."""
    return pd.concat([frame.assign(fact_id=frame["fact_id"] if "fact_id" in frame else "")[["source", "locator", "fact_id"]]
                      for frame in frames], ignore_index=True)


def coverage_table(facts: pd.DataFrame) -> pd.DataFrame:
    """How many facts each (indicator, region) has: indicator ids down, region codes across."""
    return facts.groupby(["indicator", "region"], observed=True).size().unstack(fill_value=0)


def coverage_counts(ds: Dataset, region: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(counts, indicators, regions) for the coverage matrix: every region while the matrix is small;
    at national scale the selected region and the regions under it, each counting its whole subtree."""
    regions = ds.regions[["code", "name_zh", "name_en"]]
    if len(ds.indicators) * len(regions) <= COVERAGE_CELLS:
        return _matrix(ds.store.counts()), ds.indicators, regions
    shown = area_regions(ds, region)
    top = {code: code for code in shown["code"]}
    parent = ds.regions.set_index("code")["parent"]
    ancestor = ds.regions["code"].map(top)
    step = ds.regions["code"]
    for _ in range(4):  # country > province > city > county: climb until a shown region is met
        step = step.map(parent)
        ancestor = ancestor.fillna(step.map(top))
    lookup = pd.Series(ancestor.to_numpy(), index=ds.regions["code"]).dropna()
    counts = ds.store.counts(regions=list(lookup.index))
    return _matrix(counts.assign(region=counts["region"].map(lookup))), ds.indicators, shown


def _matrix(counts: pd.DataFrame) -> pd.DataFrame:
    """(indicator, region, n) rows as coverage_table's matrix."""
    return counts.pivot_table(index="indicator", columns="region", values="n", aggfunc="sum", fill_value=0)


def year_on_year(facts: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, its latest full-year figure beside the full year published before it: indicator,
    year, value, previous_year, previous_value, change (value - previous) and change_pct. `consecutive`
    says whether the two years follow on; when they do not, a page names both years, never 'last year'.
    Only full calendar years count: a quarter or a year to date is never set beside a year."""
    columns = ["indicator", "year", "value", "previous_year", "previous_value", "change", "change_pct", "consecutive"]
    if facts.empty:
        return pd.DataFrame(columns=columns)
    kinds = [period_kind(s, e) for s, e in zip(facts["period_start"], facts["period_end"])]
    years = facts[[k == "year" for k in kinds]].assign(year=lambda f: pd.to_datetime(f["period_end"]).dt.year)
    rows = []
    for indicator, group in years.groupby("indicator", sort=False):
        group = group.sort_values("year")
        if len(group) < 2:
            continue
        last, before = group.iloc[-1], group.iloc[-2]
        value, previous = float(last["value"]), float(before["value"])
        rows.append([indicator, int(last["year"]), value, int(before["year"]), previous, value - previous,
                     round(100 * (value - previous) / previous, 1) if previous else None,
                     int(last["year"]) - int(before["year"]) == 1])
    return pd.DataFrame(rows, columns=columns)
