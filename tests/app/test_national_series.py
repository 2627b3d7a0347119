"""Issue #28 in AppTest: the national full-year series on the enforcement page and the overview's
latest year beside the one before, figures equal to data/."""
import json

import pandas as pd
import pytest

from dashboard.kernel.i18n import LANG_LABELS, t
from dashboard.reading.controls import region_labels
from dashboard.storing.queries import NATIONAL, facts_for, period_kind, year_on_year
from tests.conftest import bundled

DATA = bundled()
REGIONS = region_labels(DATA)


def national_years(indicator):
    facts = facts_for(DATA, indicators=[indicator], regions=[NATIONAL])
    return facts[[period_kind(s, e) == "year" for s, e in zip(facts["period_start"], facts["period_end"])]]


def lines(at):
    """(name, y) of every line the page's charts draw."""
    return [(trace.get("name"), trace.get("y", [])) for element in at.get("plotly_chart")
            for trace in json.loads(element.proto.spec)["data"] if trace.get("mode") == "lines+markers"]


@pytest.mark.parametrize("region", [NATIONAL, "330900"])
@pytest.mark.parametrize("indicator", ["cases_filed", "people_disciplined"])
def test_enforcement_draws_the_national_years_as_one_line_with_gaps(region, indicator, open_page):
    at = open_page("enforcement", region=REGIONS[region])
    assert not at.exception, [e.value for e in at.exception]
    years = national_years(indicator).sort_values("period_end")
    assert len(years) >= 6  # issue #28: at least six full years
    full_year = t("chart.period.year", "zh")
    drawn = [y for name, y in lines(at) if name == full_year and [v for v in y if v is not None] == list(years["value"])]
    assert drawn, "the national full-year line is missing"
    ends = [pd.Timestamp(e).year for e in years["period_end"]]
    gaps = sum(1 for a, b in zip(ends, ends[1:]) if b - a > 1)
    assert drawn[0].count(None) == gaps  # an unpublished year is a gap, never a slope


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_sets_the_latest_national_year_beside_the_one_before(lang, open_page):
    at = open_page("overview", lang=LANG_LABELS[lang])
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    assert t("overview.national_heading", lang) in [h.value for h in at.header]
    for row in year_on_year(facts_for(DATA, indicators=["cases_filed", "people_disciplined"], regions=[NATIONAL])).itertuples():
        assert str(row.year) in text and str(row.previous_year) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_enforcement_says_the_periods_differ_instead_of_comparing_zhoushan_with_the_country(lang, open_page):
    at = open_page("enforcement", lang=LANG_LABELS[lang], region=REGIONS["330900"])
    assert not at.exception, [e.value for e in at.exception]
    assert t("cmp.heading", lang) in [h.value for h in at.header]
    text = " ".join(m.value for m in at.markdown)
    differs = "时期不同,不作比较" if lang == "zh" else "The periods differ, so they are not compared"
    assert differs in text and ("257" in text)  # Zhoushan's Jan–Nov 2018 cases filed, not set beside 2018 as a year


def test_a_figure_page_writes_out_its_rate_per_100000_residents(open_page):
    zhoushan = facts_for(DATA, indicators=["cases_filed"], regions=["330900"]).iloc[0]
    at = open_page("figure", id=zhoushan["fact_id"])
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    from dashboard.reading.labels import plain  # the page escapes Markdown in data's words

    assert plain("257 ÷ 1,157,817 × 100,000 ≈ 22.2") in text and plain("gcs66-2021-census-zhoushan") in text
    assert plain("时期不同,不作比较") in text
