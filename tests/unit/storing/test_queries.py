"""The query layer on the bundled package: plain frames, no language, the rows each page draws."""
import pandas as pd
import pytest

from dashboard.storing import queries
from dashboard.storing.queries import (
    EIGHT_POINT,
    FUNNEL,
    approvals_with_unit,
    area_regions,
    before_after_pairs,
    coverage_table,
    eight_point_facts,
    facts_for,
    funnel_facts,
    headline_facts,
    latest_per_indicator,
    pair_quotes,
    period_count,
    sector_facts_and_events,
    sources_with_quotes,
    topic_indicators,
)

ZHOUSHAN, DINGHAI = "330900", "330902"


def test_no_query_takes_a_language():
    import inspect

    for name, function in vars(queries).items():
        if inspect.isfunction(function) and function.__module__ == queries.__name__:
            assert "lang" not in inspect.signature(function).parameters, name


def test_facts_for_filters_by_region_indicator_and_topic_and_labels_in_both_languages(dataset):
    facts = facts_for(dataset, indicators=["cases_filed"], regions=[ZHOUSHAN])
    assert set(facts["indicator"]) == {"cases_filed"} and set(facts["region"]) == {ZHOUSHAN}
    assert {"label_zh", "label_en", "definition_zh", "definition_en", "topic"} <= set(facts.columns)
    assert list(facts["period_end"]) == sorted(facts["period_end"])  # oldest first
    approvals = facts_for(dataset, regions=[ZHOUSHAN], topic="approvals")
    assert set(approvals["topic"]) == {"approvals"}


def test_store_rows_finds_exactly_a_regions_facts_in_file_order(dataset):
    rows = dataset.store.rows(regions=[DINGHAI, ZHOUSHAN, "no-such-code"])
    expected = dataset.facts.index[dataset.facts["region"].isin([DINGHAI, ZHOUSHAN])]
    assert list(rows.index) == list(expected)
    assert dataset.store.rows(regions=["no-such-code"]).empty
    both = dataset.store.rows(regions=[ZHOUSHAN], indicators=["cases_filed"])
    assert set(both["region"]) == {ZHOUSHAN} and set(both["indicator"]) == {"cases_filed"}


def test_funnel_is_the_latest_period_with_all_three_figures(dataset):
    funnel = funnel_facts(dataset, ZHOUSHAN)
    assert list(funnel["indicator"]) == list(FUNNEL) and list(funnel["value"]) == [921, 257, 223]
    assert funnel[["period_start", "period_end"]].drop_duplicates().shape[0] == 1
    assert funnel_facts(dataset, DINGHAI).empty  # 定海区 has not published the three together


def test_latest_per_indicator_keeps_the_newest_figure_in_the_given_order():
    facts = pd.DataFrame({"indicator": ["b", "a", "a"], "value": [1.0, 2.0, 3.0],
                          "period_start": pd.to_datetime(["2018-01-01"] * 3),
                          "period_end": pd.to_datetime(["2018-12-31", "2017-12-31", "2018-12-31"])})
    latest = latest_per_indicator(facts, order=["a", "b", "c"])
    assert list(latest["indicator"]) == ["a", "b"] and list(latest["value"]) == [3.0, 1.0]


def test_headline_is_one_latest_figure_per_enforcement_indicator_in_the_indicators_order(dataset):
    headline = headline_facts(dataset, ZHOUSHAN)
    assert headline["indicator"].is_unique and set(headline["topic"]) == {"enforcement"}
    order = list(dataset.indicators["id"])
    assert list(headline["indicator"]) == sorted(headline["indicator"], key=order.index)


def test_eight_point_figures_come_in_their_fixed_order(dataset):
    assert list(eight_point_facts(dataset, ZHOUSHAN)["indicator"]) == list(EIGHT_POINT)


def test_before_after_pairs_join_the_two_stages_of_a_measure_with_labels_from_data(dataset):
    pairs = before_after_pairs(dataset, ZHOUSHAN).set_index("measure")
    assert {"cosmetics_filing_time", "surveying_time"} <= set(pairs.index)
    assert "completion_acceptance_time" not in pairs.index  # published after the reform only: no pair
    cosmetics = pairs.loc["cosmetics_filing_time"]
    assert (cosmetics.measure_label_zh, cosmetics.measure_label_en) == ("化妆品备案用时", "Cosmetics filing time")
    assert (cosmetics.before_value, cosmetics.before_unit, cosmetics.before_qualifier) == (3, "month", "approx")
    assert (cosmetics.after_value, cosmetics.after_unit, cosmetics.after_qualifier) == (30, "minute", "less_than")
    quotes = pair_quotes(before_after_pairs(dataset, ZHOUSHAN))
    assert len(quotes) == 2 * len(pairs) and "3个月左右" in quotes["locator"].iloc[0]


def test_approvals_by_unit_split_factors_from_rates(dataset):
    assert set(approvals_with_unit(dataset, ZHOUSHAN, "times")["unit"]) == {"times"}
    rates = approvals_with_unit(dataset, ZHOUSHAN, "percent")
    assert len(rates) >= 3 and rates["indicator"].is_unique


def test_a_county_is_shown_beside_its_siblings_under_its_city(dataset):
    city, county = area_regions(dataset, ZHOUSHAN), area_regions(dataset, DINGHAI)
    assert list(city["code"]) == list(county["code"]) and city["code"].iloc[0] == ZHOUSHAN
    assert len(city) == 5  # the city and its four counties


def test_topic_indicators_are_those_with_a_figure(dataset):
    enforcement = topic_indicators(dataset, "enforcement")
    assert set(enforcement["topic"]) == {"enforcement"}
    assert set(enforcement["id"]) <= set(dataset.facts["indicator"])


def test_sector_facts_and_events_name_a_sector(dataset):
    facts, events = sector_facts_and_events(dataset, ZHOUSHAN)
    assert len(facts) and (facts["sector"] != "").all() and (events["sector"] != "").all()


def test_sources_with_quotes_lists_each_source_once_with_its_distinct_quotes_and_first_figure():
    frame = pd.DataFrame({"source": ["a", "b", "a", "a"], "locator": ["x", "y", "z", "x"], "fact_id": ["1", "2", "3", "4"]})
    sources = pd.DataFrame({"id": ["a", "b"], "publisher": ["A", "B"]})
    ds = type("Tables", (), {"sources": sources})()
    assert [(s["id"], q) for s, q in sources_with_quotes(ds, frame)] == [("a", [("x", "1"), ("z", "3")]), ("b", [("y", "2")])]
    events = frame.drop(columns="fact_id")  # events have no figure page
    assert sources_with_quotes(ds, events)[0][1] == [("x", ""), ("z", "")]


@pytest.mark.parametrize("starts, ends, count", [(["2018-01-01", "2018-01-01"], ["2018-12-31", "2018-12-31"], 1),
                                                  (["2018-01-01", "2019-01-01"], ["2018-12-31", "2019-12-31"], 2)])
def test_periods_counts_distinct_periods(starts, ends, count):
    assert period_count(pd.DataFrame({"period_start": starts, "period_end": ends})) == count


def test_coverage_table_counts_facts_per_indicator_and_region(dataset):
    table = coverage_table(dataset.facts)
    assert table.to_numpy().sum() == len(dataset.facts)


def test_year_on_year_sets_the_latest_full_year_beside_the_one_published_before():
    facts = pd.DataFrame({"indicator": ["cases_filed"] * 4 + ["people_disciplined"],
                          "period_start": ["2019-01-01", "2021-01-01", "2020-01-01", "2018-01-01", "2021-01-01"],
                          "period_end": ["2019-12-31", "2021-12-31", "2020-03-31", "2018-12-31", "2021-12-31"],
                          "value": ["619000", "631000", "104000", "638000", "627000"]})
    row = queries.year_on_year(facts).set_index("indicator").loc["cases_filed"]
    assert (row.year, row.previous_year, row.value, row.previous_value) == (2021, 2019, 631000, 619000)
    assert row.change == 12000 and row.change_pct == 1.9 and not row.consecutive  # 2020 unpublished; Q1 2020 ignored
    assert "people_disciplined" not in set(queries.year_on_year(facts)["indicator"])  # one year: nothing to compare
