"""Value, qualifier and period wording in both languages."""
import re

import pandas as pd
import pytest

from dashboard.kernel import schema
from dashboard.kernel.i18n import TEXT, UNIT_WORDS, format_period, format_value, t
from tests.conftest import ROOT


@pytest.mark.parametrize("value,qualifier,unit,zh,en", [
    (3, "approx", "month", "约3个月", "about 3 months"),
    (30, "less_than", "minute", "不到30分钟", "under 30 minutes"),
    (17, "at_most", "working_day", "不超过17个工作日", "at most 17 working days"),
    (20, "more_than", "problem", "20多个", "20+ problems"),
    (100, "exact", "percent", "100%", "100%"),
    (5, "exact", "times", "5倍", "5×"),
    (15966, "exact", "case", "15,966件", "15,966 cases"),
    (12.8, "exact", "working_day", "12.8个工作日", "12.8 working days"),
    (1, "exact", "working_day", "1个工作日", "1 working day"),
    (1, "exact", "unit", "1个", "1 unit"),
])
def test_values_read_with_their_qualifier(value, qualifier, unit, zh, en):
    assert format_value(value, qualifier, unit, "zh") == zh
    assert format_value(value, qualifier, unit, "en") == en


@pytest.mark.parametrize("start,end,zh,en", [
    ("2018-01-01", "2018-11-30", "2018年1—11月", "Jan–Nov 2018"),
    ("2018-12-23", "2018-12-23", "截至2018年12月23日", "as of 23 Dec 2018"),
    ("2016-01-01", "2016-12-31", "2016年", "2016"),
    ("2023-12-01", "2023-12-31", "2023年12月", "Dec 2023"),
    ("2018-01-01", "2018-12-23", "2018年1月1日—2018年12月23日", "1 Jan 2018 – 23 Dec 2018"),
])
def test_periods_read_naturally(start, end, zh, en):
    assert format_period(start, end, "zh") == zh
    assert format_period(start, end, "en") == en


def test_every_label_exists_in_both_languages():
    for key, (zh, en) in TEXT.items():
        assert zh.strip() and en.strip(), key


def test_unknown_language_falls_back_to_chinese():
    assert t("app.title", "xx") == TEXT["app.title"][0]


@pytest.mark.parametrize("prefix,codes", [("unit", schema.UNITS), ("qualifier", schema.QUALIFIERS),
                                          ("kind", schema.SOURCE_KINDS)])
def test_every_code_of_the_schema_has_words_in_both_languages(prefix, codes):
    """The codes are data/datapackage.json's, the words i18n's: a code added to the schema without
    words (or words left for a code the schema dropped) fails here, so the two cannot drift."""
    words = UNIT_WORDS if prefix == "unit" else {key.split(".", 1)[1]: value for key, value in TEXT.items()
                                                 if key.startswith(f"{prefix}.")}
    assert set(words) == set(codes)
    for code in codes:
        zh, en = words[code]
        assert zh.strip() and en.strip(), code


def _places() -> set[str]:
    """The data's places as a text would name them ('舟山', 'Zhoushan', '定海'), the country aside: it is
    the dashboard's frame ('全国背景', national context), not a finding."""
    regions = pd.read_csv(ROOT / "data" / "regions.csv", dtype=str)
    regions = regions[regions["level"] != "country"]
    zh = {re.sub(r"[省市区县]$", "", name) for name in regions["name_zh"]}
    en = {re.sub(r" (District|County)$", "", name) for name in regions["name_en"]}
    return zh | en


def test_no_text_names_a_place_or_a_year_of_the_data():
    """Findings live in the data: a page's words say what it shows, so they hold for any bulletin or package.
    A year is 20xx not inside a standard's number (GB/T 7714-2015 is how citations are formatted)."""
    places = _places()
    for key, texts in TEXT.items():
        for text in texts:
            assert not [place for place in places if place in text], (key, text)
            assert not re.search(r"(?<![-\d])(19|20)\d\d(?!\d)", text), (key, text)
