"""What makes a number a statistic (#26): not a count of the items just listed, not a plan's target."""
from datetime import date

import pytest

from dashboard.adding.candidates import Vocabulary, candidates
from dashboard.adding.statistics import counts_a_list, counts_aspects, is_plan
from tests.conftest import PACKAGE

VOCABULARY = Vocabulary.from_package(PACKAGE.parent)


def values(text: str, on: date = date(2020, 5, 1)) -> list[str]:
    return list(candidates(text, VOCABULARY, on, "330900")["value"])


@pytest.mark.parametrize("text, figure, expected", [
    ("落实宣传、培训、考核三项制度", "三", True),
    ("在制度建设和队伍建设两个方面用力", "两", True),
    ("甲、乙两家合计", "两", True),
    ("全市设立三个工作组", "三", False),  # nothing listed before it
    ("宣传、培训、考核共开展3项", "3", False),  # in digits: a count, whatever the list
    ("四个区、县(市)总体正常", "四", False),  # the list follows the count
    ("对问题线索及时处置两件", "两", False),  # 及时 joins nothing
])
def test_a_count_in_chinese_numerals_of_the_items_just_listed_is_no_statistic(text, figure, expected):
    at = text.index(figure)
    assert counts_a_list(text, at, at + len(figure), {"三": 3, "两": 2, "3": 3, "四": 4}[figure]) is expected


def test_a_plans_figures_and_a_deadline_after_the_bulletins_date_are_no_statistics():
    assert is_plan("各县辦案人數達到60%以上的目標", "", None, None)
    assert is_plan("基本实现审批时间压缩至60个工作日以内", "到2020年6月底", date(2020, 6, 30), date(2020, 5, 1))
    assert not is_plan("全市立案12件", "到2020年4月底", date(2020, 4, 30), date(2020, 5, 1))
    # what a rule lays down, a deadline it sets, a plan's tasks (#26)
    assert is_plan("《指引》规定一般企业投资项目全过程审批时间不超过90天", "", None, None)
    assert is_plan("要求在1个月之内将调查核实情况报送省纪委", "", None, None)
    assert is_plan("(二)主要任务。将审批时限压缩至60个工作日以内", "", None, None)
    assert not is_plan("全省工程建设项目审批时间压缩到120个工作日之内", "", None, None)
    assert not is_plan("全市立案12件", "2020年", date(2020, 12, 31), date(2020, 5, 1))  # a year not yet ended


def test_candidates_propose_no_row_for_a_list_count_or_a_target():
    assert values("落实宣传、培训、考核三项制度,全市立案12件。") == ["12"]
    assert values("主要目标。到2020年12月底,审批时间压缩至60个工作日以内。今年以来立案9件。") == ["9"]


@pytest.mark.parametrize("sentence", ["签订目标责任书1200份", "争取上级资金1.2亿元", "查处违反计划生育政策问题3起"])
def test_things_done_under_a_plans_name_are_statistics(sentence):
    assert not is_plan(sentence, "", None, None)


def test_a_few_aspects_or_fields_are_no_statistic_but_many_are():
    assert values("全市从三个方面入手,在5个领域开展整治,立案12件。") == ["12"]
    assert values("全市在12个领域开展整治。") == ["12"]


def test_a_forecast_is_no_statistic():
    rows = candidates("今年年底,全县乡镇便民服务中心达市一级标准将达到16个,占比88.9%。", VOCABULARY, date(2020, 11, 30), "511527")
    assert rows.empty
    rows = candidates("预计全年办件量1.2万件。", VOCABULARY, date(2020, 11, 30), "511527")
    assert rows.empty


@pytest.mark.parametrize("text", [
    "项目总投资5000万元以下项目授权审批科办理,总投资5000万元以上的重大项目由窗口收件。",  # thresholds
    "对项目投资额10亿元及以上、5亿元—10亿元、5亿元及以下的项目分别审批。",
    "查处违纪违法案件,过100万的190个。",
    "2024年底前分别达到25%、70%。",  # a deadline
])
def test_thresholds_and_deadlines_are_no_statistics(text):
    rows = candidates(text, VOCABULARY, date(2024, 1, 20), "350500")
    assert not any(v in set(rows["value"]) for v in ("5000", "10", "5", "100", "25", "70"))


def test_a_sum_counted_is_a_statistic():
    rows = candidates("2023年,全市追缴违纪资金1200万元,挽回损失3.5亿元。", VOCABULARY, date(2024, 1, 20), "330900")
    assert list(rows["value"]) == ["1200", "3.5"]


def test_a_hypothetical_examples_figures_are_no_statistics():
    assert is_plan("如果一个项目审批要9个工作日,算上其中的双休日,审批下来就要11天", "", None, None)
    assert is_plan("假如一件事要跑5个部门", "", None, None)
    assert not is_plan("全市立案12件,处分9人", "", None, None)


def test_a_few_fields_described_before_their_noun_are_no_statistic():
    text = "选取了土地开发、城市建设等10个容易出现问题的重点领域,查处案件。"
    assert counts_aspects(text, text.index("10个") + 3, 10)
    text = "全县10个乡镇的干部,查处案件。"
    assert not counts_aspects(text, text.index("10个") + 3, 10)


@pytest.mark.parametrize("sentence", [
    "到2025年,全市清廉村居建设达标率达到90%以上", "明年将新建清廉医院示范点20个", "今年全市拟创建清廉学校30所",
    "全市争创省级清廉村居示范村15个", "力求在年内实现100%全覆盖", "要求各乡镇在10个工作日内完成整改"])
def test_aims_a_later_years_targets_and_a_rules_deadlines_are_no_statistics(sentence):
    assert is_plan(sentence, "", None, date(2023, 6, 30))


@pytest.mark.parametrize("sentence", ["从2013年到2016年,全省立案1200件", "成功争创省级示范村3个", "2023年,全县立案56件"])
def test_what_was_done_by_an_earlier_year_is_a_statistic(sentence):
    assert not is_plan(sentence, "", None, date(2023, 6, 30))


def test_a_quota_is_a_plan_not_a_statistic():
    """tests/passages/README.md: quotas (可推荐的具体指标为:杭州市15所) and plans (计划认定…100所左右) are no rows."""
    assert is_plan("2021年全省计划认定浙江省清廉学校示范校100所左右,其中面向高校认定5所左右", "2021年", None,
                   date(2021, 11, 16))
    assert is_plan("各设区市可推荐的具体指标为:杭州市15所、宁波市13所", "", None, date(2021, 11, 16))
    assert not is_plan("2021年全省认定浙江省清廉学校示范校100所", "2021年", None, date(2021, 11, 16))


def test_an_aim_already_reached_is_a_statistic():
    """cn-2019-03-gcsp-pilots: 已实现…由平均200多个工作日压缩到120个工作日之内的目标 is done, not planned (#26)."""
    assert not is_plan("15个城市和浙江省已实现审批时间压缩一半、由平均200多个工作日压缩到120个工作日之内的目标,形成了一批经验",
                       "", None, date(2019, 3, 20))
    assert is_plan("力争实现由平均200多个工作日压缩到120个工作日之内的目标", "", None, date(2019, 3, 20))


def test_a_time_limit_set_by_a_rule_is_no_statistic():
    """gs-yd-2016-10-approval-days: 严格执行限时办结制,…在5个工作日内办结 is the rule's limit (#26)."""
    assert is_plan("严格执行限时办结制,对于项目符合条件的,自正式受理之日起,项目初步设计及概算审批在5个工作日内办结",
                   "", None, date(2016, 10, 13))
