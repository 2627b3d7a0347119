"""Periods in Chinese prose, resolved against the bulletin's date."""
from datetime import date

import pytest

from dashboard.adding.governing import governing
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
    ("截至3月9日", date(2018, 3, 9), date(2018, 3, 9)),
    ("截至2018年11月20日", date(2018, 11, 20), date(2018, 11, 20)),
    ("2020年6月2日至2021年3月1日", date(2020, 6, 2), date(2021, 3, 1)),
    ("6月2日至次年3月1日", date(2017, 6, 2), date(2018, 3, 1)),
    ("从2013年到2016年", date(2013, 1, 1), date(2016, 12, 31)),
    ("2013年以来", date(2013, 1, 1), date(2018, 12, 23)),
    ("党的十八大以来", date(2012, 11, 15), date(2018, 12, 23)),
    ("十九大召开以来", date(2017, 10, 18), date(2018, 12, 23)),
    ("今年1至3月", date(2018, 1, 1), date(2018, 3, 31)),
    ("1月至6月", date(2018, 1, 1), date(2018, 6, 30)),
    ("5月28日,潢川县", date(2018, 5, 28), date(2018, 5, 28)),
    ("截至今年6月", date(2018, 6, 30), date(2018, 6, 30)),
    ("2013年至2017年9月", date(2013, 1, 1), date(2017, 9, 30)),
    ("2012年7月至2017年4月", date(2012, 7, 1), date(2017, 4, 30)),
    ("今年前三季", date(2018, 1, 1), date(2018, 9, 30)),
    ("2017年270.3万件", date(2017, 1, 1), date(2017, 12, 31)),
    ("今年一至九月", date(2018, 1, 1), date(2018, 9, 30)),
    ("截至去年底", date(2017, 12, 31), date(2017, 12, 31)),
    ("今年前4月", date(2018, 1, 1), date(2018, 4, 30)),
    ("上年度", date(2017, 1, 1), date(2017, 12, 31)),
    ("前5个月", date(2018, 1, 1), date(2018, 5, 31)),
    ("去年10月开始", date(2017, 10, 1), date(2018, 12, 23)),
    ("从元月份开始", date(2018, 1, 1), date(2018, 12, 23)),
    ("自2017年4月成立巡察组以来", date(2017, 4, 1), date(2018, 12, 23)),
    ("中央八项规定实施五年以来", date(2012, 12, 4), date(2018, 12, 23)),
])
def test_periods_resolve_against_the_bulletins_date(text, first, last):
    found = find_periods(text, date(2018, 12, 23))
    assert [(p.first, p.last) for p in found] == [(first, last)]


def test_the_year_a_breach_happened_and_此次_are_no_period_counted_over():
    text = "截至2019年3月,天津市共查处问题3805起。其中,违纪行为发生在2013年的1341起。"
    assert [p.words for p in find_periods(text, date(2019, 6, 27))] == ["截至2019年3月"]
    text = "2017年,滨海新区将68项事项下放给中塘镇。根据此次公布的清单,31项明确上收。"
    assert _governing(text, "31项") == (date(2024, 10, 28), date(2024, 10, 28))


def test_since_a_campaign_began_starts_where_the_text_said_it_began_else_nowhere():
    text = "去年10月开始,该区开展集中治理行动。集中治理行动开展以来,共立案9件。"
    assert [(p.first, p.last) for p in find_periods(text, date(2019, 5, 24))][-1] == (date(2018, 10, 1), date(2019, 5, 24))
    assert [(p.first, p.last) for p in find_periods("专项整治开展以来,共立案9件。", date(2019, 5, 24))] == [(None, None)]


def test_a_period_without_a_first_day_stays_unresolved():
    assert [(p.first, p.last) for p in find_periods("近三年来", date(2018, 12, 23))] == [(None, None)]
    assert [(p.first, p.last) for p in find_periods("今年以来", None)] == [(None, None)]


@pytest.mark.parametrize("text", ["分别是2013年的8.3倍", "比去年同期增长8%", "较2017年增加", "与去年相比", "去年同期为12件", "同上半年相比",
                                  "比上年同期298件"])
def test_a_period_named_to_compare_with_is_marked_so(text):
    assert [p.compared for p in find_periods(text, date(2018, 12, 23))] == [True]


def _governing(text: str, figure: str) -> tuple:
    found = find_periods(text, date(2024, 10, 28))
    start = text.index(figure)
    last = max((i for i, p in enumerate(found) if p.end <= start), default=-1)
    period = governing(found, last, start, text, 0)
    return (period.first, period.last) if period else None


def test_a_comparisons_period_dates_only_a_figure_in_its_own_clause():
    text = "2024年1-9月,全国立案64.2万件,较之2023年同期立案47万件,增幅36.6%;比去年同期多处分3人,移送17人。"
    assert _governing(text, "47万") == (date(2023, 1, 1), date(2023, 9, 30))
    assert _governing(text, "64.2万") == _governing(text, "17人") == (date(2024, 1, 1), date(2024, 9, 30))


def test_截至_after_a_period_since_closes_it_across_sentences():
    text = "中共十八大以来,各地加大巡视力度。截至今年6月,已巡视3738个地区单位。"
    assert _governing(text, "3738") == (date(2012, 11, 15), date(2024, 6, 30))


def test_截至_closes_a_start_said_with_words_between_and_the_eight_point_rules_start():
    text = "自2017年4月成立巡察组以来,该县开展了3轮巡察。截至目前,共巡察49个单位。"
    assert _governing(text, "49个") == (date(2017, 4, 1), date(2024, 10, 28))
    text = "中央八项规定实施五年以来的成绩单。截止2017年10月31日,全国查处问题193168起。"
    assert _governing(text, "193168") == (date(2012, 12, 4), date(2017, 10, 31))
    # the month the congress opened is not the start: the congress is
    assert _governing("去年11月召开的中共十八大以来,全省立案4423件。", "4423") == (date(2012, 11, 15), date(2024, 10, 28))


def test_a_year_said_after_a_day_in_its_sentence_ends_on_that_day():
    assert _governing("截至2023年12月23日,福建去年共查处问题2578件。", "2578") == (date(2023, 1, 1), date(2023, 12, 23))
    assert _governing("截至7月31日,今年全省共查处问题1000起。", "1000") == (date(2024, 1, 1), date(2024, 7, 31))
    # a lead paragraph's 今年以来 that counted nothing is closed by 截至 in the next
    assert _governing("今年以来,西安市纪委紧盯群众身边的腐败问题。\n截至8月底,全市共立案2466件。", "2466") \
        == (date(2024, 1, 1), date(2024, 8, 31))


def test_截至_after_a_period_since_closes_it():
    assert _governing("今年以来,全县推行协作办案。截止5月底,联合办案5件。", "5件") == (date(2024, 1, 1), date(2024, 5, 31))
    assert _governing("截止5月底,联合办案5件。", "5件") == (date(2024, 5, 31), date(2024, 5, 31))
    far = "今年以来,全县推行协作办案。成效明显。截止5月底,联合办案5件。"  # two sentences back: not its start
    assert _governing(far, "5件") == (date(2024, 5, 31), date(2024, 5, 31))


@pytest.mark.parametrize("text, on, first, last", [
    ("3月份,全市受理12件", date(2011, 4, 22), date(2011, 3, 1), date(2011, 3, 31)),
    ("十一月份,全市受理12件", date(2011, 4, 22), date(2010, 11, 1), date(2010, 11, 30)),
    ("7月,全国查处问题12起", date(2018, 8, 28), date(2018, 7, 1), date(2018, 7, 31))])
def test_a_month_with_份_or_a_comma_and_no_year_is_the_latest_such_month_by_the_bulletins_date(text, on, first, last):
    (found,) = find_periods(text, on)
    assert (found.first, found.last) == (first, last)


def test_自_one_date_至_another_in_one_sentence_is_one_period_from_the_first_to_the_last():
    text = "自2010年1月某规定实施至2011年底,全市共有800名干部主动上交礼金。"
    assert _governing(text, "800名") == (date(2010, 1, 1), date(2011, 12, 31))
    apart = "自2010年1月起实施。至2011年底,全市共有800名干部主动上交礼金。"  # another sentence: not its start
    assert _governing(apart, "800名") == (date(2011, 1, 1), date(2011, 12, 31))


def test_截至_a_year_end_is_that_day():
    (found,) = find_periods("截至2014年年底", date(2015, 1, 9))
    assert (found.first, found.last) == (date(2014, 12, 31), date(2014, 12, 31))


def test_上月_is_the_month_before_the_bulletins_date_and_比上月_only_compares():
    (found,) = find_periods("上月,全国查处问题5178起", date(2019, 1, 10))
    assert (found.first, found.last, found.compared) == (date(2018, 12, 1), date(2018, 12, 31), False)
    assert find_periods("比上月增加75%", date(2019, 1, 10))[0].compared


@pytest.mark.parametrize("text, on, first, last", [
    ("全年", date(2024, 1, 20), date(2023, 1, 1), date(2023, 12, 31)),  # an annual report in January: last year
    ("全年", date(2023, 12, 25), date(2023, 1, 1), date(2023, 12, 31)),  # a year-end summary: this year
    ("上半年", date(2023, 7, 20), date(2023, 1, 1), date(2023, 6, 30)),
    ("1—11月", date(2024, 1, 10), date(2023, 1, 1), date(2023, 11, 30)),
    ("今年1—11月", date(2024, 1, 10), date(2024, 1, 1), date(2024, 11, 30)),  # said so: as written
])
def test_months_named_without_a_year_are_the_latest_that_could_be_reported(text, on, first, last):
    assert [(p.first, p.last) for p in find_periods(text, on)] == [(first, last)]


def test_since_last_year_runs_to_the_bulletins_date():
    assert [(p.first, p.last) for p in find_periods("去年以来,全市", date(2023, 3, 20))] == \
        [(date(2022, 1, 1), date(2023, 3, 20))]


def test_an_open_start_closed_by_zhi_keeps_its_start():
    text = "十八大以来至2022年10月,全国共立案审查56件。"
    found = find_periods(text, date(2022, 11, 1))
    period = governing(found, len(found) - 1, text.index("56"), text, 0)
    assert (period.first, period.last) == (date(2012, 11, 15), date(2022, 10, 31))


def test_a_year_in_a_title_or_a_quoted_name_is_no_period():
    found = find_periods("根据《2022年度党风廉政建设工作要点》,开展“2023年清廉单位”创建,今年以来", date(2023, 6, 30))
    assert [p.words for p in found] == ["今年以来"]


def test_recent_years_give_no_first_day_and_接近年底_is_no_period():
    assert [(p.words, p.first) for p in find_periods("近年来,接近年底,最近年份", date(2023, 1, 1))] == [("近年来", None)]


def test_a_range_from_a_month_to_a_day_starts_on_the_months_first_day():
    assert [(p.first, p.last) for p in find_periods("今年一月至九月十六日,", date(2014, 9, 19))] == \
        [(date(2014, 1, 1), date(2014, 9, 16))]


@pytest.mark.parametrize("text, first, last", [
    ("2013年7月至今,立案5件", date(2013, 7, 1), date(2019, 10, 11)),
    ("2018年12月至2019年3月,立案5件", date(2018, 12, 1), date(2019, 3, 31)),
    ("2018年12月至今年3月,立案5件", date(2018, 12, 1), date(2019, 3, 31)),
])
def test_a_month_to_now_or_to_another_month_keeps_both_ends(text, first, last):
    found = find_periods(text, date(2019, 10, 11))
    period = governing(found, len(found) - 1, text.index("5件"), text, 0)
    assert (period.first, period.last) == (first, last)


def test_a_start_said_with_始于_is_closed_by_a_later_截至():
    text = "海东市巡察工作始于2016年底,截止2018年10月,共发现问题199条。"
    found = find_periods(text, date(2019, 3, 20))
    period = governing(found, len(found) - 1, text.index("199"), text, 0)
    assert (period.first, period.last) == (date(2016, 12, 1), date(2018, 10, 31))


def test_a_month_dating_an_event_in_its_own_clause_does_not_date_the_counts_after_it():
    from dashboard.adding.governing import dates_an_event
    text = "海东于2013年2月撤地设市,辖两区四县、94个乡镇。"
    found = find_periods(text, date(2019, 3, 20))
    assert dates_an_event(text, found[0], text.index("94"))
    text = "5月28日,潢川县全县21个乡镇派出监察办公室全部挂牌成立。"  # the event is the count's own
    found = find_periods(text, date(2019, 6, 14))
    assert not dates_an_event(text, found[0], text.index("21"))


def test_累计_or_目前_after_a_stated_period_in_its_sentence_keeps_that_period():
    assert _governing("截止2017年10月31日,全国已累计查处问题193168起。", "193168") == (date(2017, 10, 31), date(2017, 10, 31))
    assert _governing("十八大以来,全省累计立案1200件。", "1200")[0] == date(2012, 11, 15)
    assert _governing("全省加大力度。累计立案1200件。", "1200") == (date(2024, 10, 28), date(2024, 10, 28))



def test_the_same_time_last_year_with_no_period_said_before_it_is_unpinned():
    text = "经比对,去年同期被审查立案的省部级干部仅58人。"
    found = find_periods(text, date(2025, 10, 29))
    period = governing(found, len(found) - 1, text.index("58"), text, 0)
    assert period is not None and period.first is None and period.last is None


@pytest.mark.parametrize("text, on, first, last", [
    ("今年4月中旬至5月中旬,六安市委巡察机构", date(2025, 8, 18), date(2025, 4, 11), date(2025, 5, 20)),
    ("从6月下旬开始,内蒙古自治区党委派出12个督察组", date(2013, 7, 15), date(2013, 6, 21), date(2013, 7, 15)),
    ("2019年3月上旬,全市", date(2019, 9, 1), date(2019, 3, 1), date(2019, 3, 10)),
    ("2月下旬,全市", date(2024, 5, 1), date(2024, 2, 21), date(2024, 2, 29)),
    ("12月中旬,全市", date(2024, 5, 1), date(2023, 12, 11), date(2023, 12, 20)),
])
def test_the_thirds_of_a_month_are_read_as_the_passages_readme_says(text, on, first, last):
    """tests/passages/README.md: 上旬/中旬/下旬 are the 1st–10th, 11th–20th and 21st to the month's end (#26)."""
    period = find_periods(text, on)[0]
    assert (period.first, period.last) == (first, last)
