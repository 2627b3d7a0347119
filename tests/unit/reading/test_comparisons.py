"""Issue #28: an area beside its province and country only for the same measure and period, per
100,000 residents with the arithmetic; otherwise a sentence that the periods differ."""
import pandas as pd

from dashboard.reading import comparisons


def fact(indicator, region, start, end, value, unit="case", **more):
    return {"fact_id": f"{indicator}-{region}-{start}", "indicator": indicator, "region": region, "period_start": start,
            "period_end": end, "value": value, "unit": unit, "qualifier": "exact", "unit_word": "", "source": "s", **more}


CENSUS = pd.DataFrame([fact("population", "330900", "2020-11-01", "2020-11-01", 1157817, "person"),
                       fact("population", "330900", "2010-11-01", "2010-11-01", 1121261, "person")])


def test_a_rate_per_100000_residents_is_the_value_over_the_population():
    assert round(comparisons.per_100k(257, 1157817), 1) == 22.2


def test_the_census_nearest_in_time_is_the_one_divided_by():
    assert comparisons.census_row(CENSUS, "330900", "2018-11-30")["value"] == 1157817
    assert comparisons.census_row(CENSUS, "330900", "2012-12-31")["value"] == 1121261
    assert comparisons.census_row(CENSUS, "330000", "2018-11-30") is None  # no census row: no rate


def test_only_the_same_period_pairs_as_same_otherwise_the_nearest_is_named():
    own = pd.DataFrame([fact("cases_filed", "330900", "2018-01-01", "2018-11-30", 257)])
    others = pd.DataFrame([fact("cases_filed", "100000", "2018-01-01", "2018-12-31", 638000),
                           fact("cases_filed", "100000", "2020-01-01", "2020-03-31", 104000),
                           fact("cases_filed", "330000", "2018-01-01", "2018-11-30", 9000)])
    pairs = comparisons.pair_up(own, others)
    by_region = {pair.other["region"]: pair for pair in pairs.itertuples()}
    assert by_region["330000"].same and by_region["330000"].other["value"] == 9000
    assert not by_region["100000"].same and by_region["100000"].other["period_end"] == "2018-12-31"


def test_the_rate_text_writes_out_the_arithmetic_and_its_census():
    text = comparisons.per_100k_text(fact("cases_filed", "330900", "2018-01-01", "2018-11-30", 257), CENSUS, "zh")
    assert text.startswith("257 ÷ 1,157,817 × 100,000 ≈ 22.2") and "2020" in text
    assert comparisons.per_100k_text(fact("cases_filed", "330900", "2018-01-01", "2018-11-30", 22, "percent"), CENSUS, "en") == ""
