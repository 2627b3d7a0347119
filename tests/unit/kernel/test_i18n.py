"""Value, qualifier and period wording in both languages."""
import pytest

from dashboard.kernel.i18n import TEXT, format_period, format_value, t


@pytest.mark.parametrize("value,qualifier,unit,zh,en", [
    (3, "approx", "month", "约3个月", "about 3 months"),
    (30, "less_than", "minute", "不到30分钟", "under 30 minutes"),
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
