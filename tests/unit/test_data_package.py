"""The bundled package is valid and holds every figure of the seed document, sourced."""
import pandas as pd
import pytest

from dashboard.kernel.problems import validate_package
from tests.conftest import PACKAGE, ROOT

SEED_SOURCE = "zs-2018-qinglian"
REPORT_DAY = ("2018-12-23", "2018-12-23")
THIS_YEAR = ("2018-01-01", "2018-12-23")
JAN_NOV = ("2018-01-01", "2018-11-30")

# Written from the seed text, not from data/: (region, period, value, qualifier, unit, quote).
SEED_FIGURES = [
    ("330902", REPORT_DAY, 11, "exact", "enterprise", "已注销11家"),
    ("330900", THIS_YEAR, 54, "exact", "case", "问题54起"),
    ("330900", THIS_YEAR, 80, "exact", "person", "处理80人"),
    ("330900", THIS_YEAR, 47, "exact", "person", "处分47人"),
    ("330900", REPORT_DAY, 4, "exact", "county", "4个县(区)"),
    ("330900", REPORT_DAY, 39, "exact", "office", "监察办公室39个"),
    ("330900", REPORT_DAY, 171, "exact", "person", "监察干部171名"),
    ("330900", JAN_NOV, 921, "exact", "case", "线索921件"),
    ("330900", JAN_NOV, 257, "exact", "case", "立案257件"),
    ("330900", JAN_NOV, 223, "exact", "person", "处分223人"),
    ("330900", REPORT_DAY, 3, "approx", "month", "3个月左右"),
    ("330900", REPORT_DAY, 30, "less_than", "minute", "半小时不到"),
    ("330900", REPORT_DAY, 100, "exact", "percent", "100%全覆盖"),
    ("330900", REPORT_DAY, 100, "exact", "percent", "100%全进驻"),
    ("330900", REPORT_DAY, 100, "exact", "percent", "100%全开通"),
    ("330900", REPORT_DAY, 5, "exact", "times", "提速5倍"),
    ("330900", REPORT_DAY, 4, "exact", "case", "4起扶贫"),
    ("330900", REPORT_DAY, 11, "exact", "batch", "11批次"),
    ("330900", REPORT_DAY, 20, "more_than", "problem", "20多个"),
    ("330900", REPORT_DAY, 3, "exact", "person", "3名违纪党员"),
]


def test_bundled_package_validates():
    assert validate_package(PACKAGE) == []


def test_every_table_has_rows(dataset):
    for name in ("facts", "events", "indicators", "regions", "sectors", "sources"):
        assert len(getattr(dataset, name)) > 0, name


@pytest.mark.parametrize("region,period,value,qualifier,unit,quote", SEED_FIGURES,
                         ids=[f[-1] for f in SEED_FIGURES])
def test_seed_figure_is_present(dataset, region, period, value, qualifier, unit, quote):
    facts = dataset.facts[dataset.facts["source"] == SEED_SOURCE]
    match = facts[facts["locator"].str.contains(quote, regex=False) & (facts["value"] == value)]
    assert len(match) == 1, f"{quote}: expected one fact with value {value}, found {len(match)}"
    fact = match.iloc[0]
    assert (fact.region, fact.qualifier, fact.unit) == (region, qualifier, unit)
    assert (fact.period_start, fact.period_end) == tuple(map(pd.Timestamp, period))


def test_seed_document_figures_are_all_in_the_table(dataset):
    """No seed fact slips in that the table above does not know (keeps the table honest)."""
    assert len(dataset.facts[dataset.facts["source"] == SEED_SOURCE]) == len(SEED_FIGURES)


def test_seed_locators_occur_verbatim_in_the_seed(dataset, seed_text):
    for table in (dataset.facts, dataset.events):
        for row in table[table["source"] == SEED_SOURCE].itertuples():
            assert row.locator in seed_text, row.locator


def test_no_zero_stands_in_for_unknown(dataset):
    """Unknown is no row: a 0 would be read as 'none happened'."""
    assert not (dataset.facts["value"] == 0).any()


def test_locators_are_short_quotes(dataset):
    for table in (dataset.facts, dataset.events):
        assert table["locator"].str.len().max() <= 30
        assert (table["locator"].str.strip() != "").all()


def test_every_region_parent_exists(dataset):
    parents = set(dataset.regions["parent"]) - {""}
    assert parents <= set(dataset.regions["code"])


def test_every_figure_is_shown_in_the_unit_its_quote_uses():
    """Units on screen are the published ones: 「12类」 reads 12类, 「问题54起」 54起 (not 12项, 54件). A value
    converted from another unit (半小时 → 30 minutes) says so in its note."""
    from dashboard.kernel.i18n import format_value, format_number

    facts = pd.read_csv(ROOT / "data" / "facts.csv", dtype=str, keep_default_na=False)
    wrong = []
    for fact in facts.itertuples():
        shown = format_value(float(fact.value), "exact", fact.unit, "zh", fact.unit_word)
        unit_word = shown.removeprefix(format_number(float(fact.value)))
        if unit_word not in fact.locator and " = " not in fact.note:
            wrong.append(f"{fact.fact_id}: shown as {shown}, quoted as 「{fact.locator}」")
    assert not wrong, "\n".join(wrong)
