"""One small chart per topic for the overview, each built by the same builders as its page."""
from __future__ import annotations

import pandas as pd

from dashboard import charts
from dashboard.data import (Dataset, area_regions, before_after_pairs, before_after_shown, facts_for, funnel_facts,
                            indicator_label, sector_facts_and_events, sector_quotes, source_line)

PREVIEW_HEIGHT = 320


def topic_previews(ds: Dataset, view) -> list[tuple[str, object, pd.DataFrame, str]]:
    """(page file, figure or None when nothing is reported, facts drawn, page name) per topic."""
    return [
        ("views/enforcement.py", *_funnel(ds, view), "enforcement"),
        ("views/supervision.py", *_offices(ds, view), "supervision"),
        ("views/approvals.py", *_before_after(ds, view), "approvals"),
        ("views/sectors.py", *_sectors(ds, view), "sectors"),
    ]


def _funnel(ds, view):
    facts = funnel_facts(ds, view.region)
    if facts.empty:
        return None, facts
    return charts.build_funnel(facts, view.lang, source_line=source_line(ds, facts), height=PREVIEW_HEIGHT), facts


def _offices(ds, view):
    regions = area_regions(ds, view.region)
    facts = facts_for(ds, indicators=["supervision_offices"], regions=list(regions["code"]))
    if facts.empty:
        return None, facts
    label = indicator_label(ds, "supervision_offices", view.lang)
    fig = charts.build_indicator_by_region(facts, regions, view.lang, indicator_label=label, unit=facts["unit"].iloc[0],
                                           source_line=source_line(ds, facts))
    return fig, facts


def _before_after(ds, view):
    pairs = before_after_pairs(ds, view.region)
    if pairs.empty:
        return None, pairs
    shown, quoted = before_after_shown(ds, view.region, view.lang)
    fig = charts.build_before_after(shown, view.lang, source_line=source_line(ds, pairs), height=PREVIEW_HEIGHT)
    return fig, quoted


def _sectors(ds, view):
    facts, events = sector_facts_and_events(ds, view.region)
    both = sector_quotes(ds, view.region)
    if both.empty:
        return None, both
    return charts.build_sector_matrix(ds.sectors, facts, events, view.lang, source_line=source_line(ds, both)), both
