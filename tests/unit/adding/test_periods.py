"""Periods in Chinese prose, resolved against the bulletin's date."""
from datetime import date

import pytest

from dashboard.adding.periods import find_periods


@pytest.mark.parametrize("text, first, last", [
    ("今年1—11月份", date(2018, 1, 1), date(2018, 11, 30)),
    ("今年以来", date(2018, 1, 1), date(2018, 12, 23)),
    ("截至目前", date(2018, 12, 23), date(2018, 12, 23)),
    ("2019年", date(2019, 1, 1), date(2019, 12, 31)),
    ("一季度", date(2018, 1, 1), date(2018, 3, 31)),
    ("2020年第一季度", date(2020, 1, 1), date(2020, 3, 31)),
    ("今年上半年", date(2018, 1, 1), date(2018, 6, 30)),
    ("去年", date(2017, 1, 1), date(2017, 12, 31)),
    ("截至2019年6月底", date(2019, 6, 30), date(2019, 6, 30)),
    ("2016年以来", date(2016, 1, 1), date(2018, 12, 23)),
    ("2016—2018年", date(2016, 1, 1), date(2018, 12, 31)),
])
def test_periods_resolve_against_the_bulletins_date(text, first, last):
    found = find_periods(text, date(2018, 12, 23))
    assert [(p.first, p.last) for p in found] == [(first, last)]


def test_a_period_without_a_first_day_stays_unresolved():
    assert [(p.first, p.last) for p in find_periods("近三年来", date(2018, 12, 23))] == [(None, None)]
    assert [(p.first, p.last) for p in find_periods("今年以来", None)] == [(None, None)]
