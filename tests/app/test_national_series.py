"""Issue #28 in AppTest: the national full-year series on the enforcement page and the overview's
latest year beside the one before, figures equal to data/."""
import json

import pandas as pd
import pytest

from dashboard.kernel.i18n import LANG_LABELS, t
from dashboard.reading.controls import region_labels
from dashboard.storing.package import read_package
from dashboard.storing.queries import NATIONAL, facts_for, period_kind, year_on_year
from tests.conftest import PACKAGE

DATA = read_package(PACKAGE)
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
