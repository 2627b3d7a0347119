"""Confidence that means something: high only where every field rests on strong evidence (#26)."""
import json

import pytest
from datetime import date

from dashboard.adding.candidates import Vocabulary, candidates
from dashboard.adding.confidence import confidence
from tests.conftest import PACKAGE

VOCABULARY = Vocabulary.from_package(PACKAGE.parent)
STATED, NAMED, GIVEN = {"how": "stated", "words": "2019年"}, {"how": "named", "name": "定海区"}, {"how": "given", "name": ""}


def test_high_needs_a_phrasing_a_stated_period_and_a_named_or_given_area():
    assert confidence("cases_filed", "立案{n}件", {}, "330902", NAMED, "2019-01-01", STATED) == "high"
    assert confidence("cases_filed", "立案{n}件", {}, "330900", GIVEN, "2019-01-01", STATED) == "high"
    assert confidence("cases_filed", "立案{n}件", {}, "330900", {"how": "heading"}, "2019-01-01", STATED) == "medium"
    assert confidence("cases_filed", "立案{n}件", {}, "330900", GIVEN, "2020-01-20",
                      {"how": "bulletin_date", "words": ""}) == "medium"
    assert confidence("", "", {}, "330900", GIVEN, "2019-01-01", STATED) == "low"


def test_a_part_scoped_by_rank_is_decided_with_its_indicator_blank():
    assert confidence("", "", {"how": "scope", "words": "厅局级"}, "330900", GIVEN, "2019-01-01", STATED) == "high"


def test_a_part_after_a_marker_that_no_phrasing_fits_is_decided_with_its_indicator_blank():
    assert confidence("", "", {"how": "marker", "words": "其中"}, "330900", GIVEN, "2019-01-01", STATED) == "high"
    assert confidence("", "", {"how": "", "words": ""}, "330900", GIVEN, "2019-01-01", STATED) == "low"
    # its item names what a part's indicator counts (党纪处分) but no phrasing fit: in doubt
    assert confidence("", "", {"how": "marker", "words": "其中"}, "330900", GIVEN, "2019-01-01", STATED,
                      "处分212人,其中党纪处分的有") == "low"


def test_doubts_keep_a_row_from_high():
    args = ("people_disciplined", "处分{n}人", {}, "100000", GIVEN, "2016-01-01", STATED)
    assert confidence(*args, "上半年北京市各级纪检监察机关给予党纪政纪") == "medium"  # a province's organ, nationally
    province = ("people_disciplined", "处分{n}人", {}, "440000", GIVEN, "2019-01-01", STATED)
    assert confidence(*province, "2019年,广东省各级纪检监察机关") == "high"  # the given province's own organs
    assert confidence(*province, "2019年,广州市纪委监委") == "medium"  # a city's, in a province's bulletin
    assert confidence(*args, "全省查处扶贫领域腐败和作风问题4512个,") == "medium"  # a field's subset
    assert confidence(*args, "2019年,中央纪委国家监委网站共通报曝光形式主义问题177起,") == "medium"  # the cases made public
    assert confidence(*args, "到2019年6月底,基本实现工程建设项目全流程审批时间压缩至") == "medium"  # a target
    assert confidence(*args, "", rival_context=True) == "medium"  # 八项规定 said a sentence before
    assert confidence("towns", "{n}个镇", {}, "330900", GIVEN, "2016-05-31", STATED) == "medium"  # a stock of places


def test_why_names_what_decided_each_field():
    rows = candidates("2019年,定海区立案不超过58件。", VOCABULARY, date(2020, 1, 20), "330900")
    fields = json.loads(rows["why"].iloc[0])["fields"]
    assert fields == {"value": "58", "qualifier": "不超过", "unit": "phrasing 立案{n}件", "indicator": "phrasing 立案{n}件",
                      "region": "named 定海区", "period": "period phrase 2019年"}
    assert rows["confidence"].iloc[0] == "high"


def test_the_eight_point_rule_said_a_sentence_before_leaves_the_indicator_in_doubt():
    text = "今年1-9月,全省查处违反中央八项规定精神问题3488起。给予党纪政纪处分2975人。"
    rows = candidates(text, VOCABULARY, date(2017, 10, 20), "370000").set_index("value")
    assert rows.loc["2975", "confidence"] == "medium"


def test_a_share_of_a_total_is_decided_with_no_indicator():
    text = "2023年一季度,运用第一种形态批评教育帮助663人次,占总人次的66%。"
    rows = candidates(text, VOCABULARY, date(2023, 4, 28), "330900").set_index("value")
    assert (rows.loc["66", "indicator"], rows.loc["66", "confidence"]) == ("", "high")
    assert confidence("", "", {}, "330900", GIVEN, "2019-01-01", STATED, "共立案12件,占", percent=False) == "low"


def test_a_context_word_elsewhere_in_the_sentence_proposes_the_indicator_but_not_as_high():
    text = "2013年以来查处违反中央八项规定精神问题的数量逐年下降;今年1-9月,全省查处问题数量为3488起,处理5252人。"
    rows = candidates(text, VOCABULARY, date(2017, 10, 20), "330900").set_index("value")
    assert (rows.loc["5252", "indicator"], rows.loc["5252", "confidence"]) == ("eight_point_people_handled", "medium")
    assert "outside the figure's clause" in json.loads(rows.loc["5252", "why"])["fields"]["indicator"]


def test_why_names_a_qualifier_inside_the_number():
    rows = candidates("2019年,定海区受理信访举报20多万件次。", VOCABULARY, date(2020, 1, 20), "330900")
    assert json.loads(rows["why"].iloc[0])["fields"]["qualifier"] == "多 in 20多万"


def test_a_period_that_ends_after_the_bulletin_is_never_high():
    # a June bulletin's 2023年 is the year so far or a plan: not the year's figure anyone could check
    rows = candidates("2023年,全省共立案5000件。", VOCABULARY, date(2023, 6, 20), "330000")
    assert (rows["period_end"].iloc[0], rows["confidence"].iloc[0]) == ("2023-12-31", "medium")
    rows = candidates("2023年,全省共立案5000件。", VOCABULARY, date(2024, 1, 20), "330000")
    assert rows["confidence"].iloc[0] == "high"


def test_a_given_area_after_a_sentence_naming_another_is_in_doubt():
    text = "2023年,湖北省纪检监察机关立案3万件。处分2.8万人。"
    rows = candidates(text, VOCABULARY, date(2024, 1, 20), "100000").set_index("value")
    assert (rows.loc["30000", "region"], rows.loc["30000", "confidence"]) == ("420000", "high")
    assert rows.loc["28000", "confidence"] == "medium"  # still the country's, or Hubei's?
    # the area given, or one above it, named before is no doubt
    rows = candidates("2023年,浙江省纪检监察机关立案3万件。处分2.8万人。", VOCABULARY, date(2024, 1, 20), "330000")
    assert list(rows["confidence"]) == ["high", "high"]


def test_a_dateline_names_no_area_to_doubt():
    text = "本报北京8月27日电 今年7月全国查处违反中央八项规定精神问题5178起。处理7353人,其中违反八项规定精神的干部。"
    rows = candidates(text, VOCABULARY, date(2018, 8, 28), "100000").set_index("value")
    assert rows.loc["7353", "region"] == "100000"
    assert json.loads(rows.loc["7353", "why"])["area"]["how"] == "given"
    assert rows.loc["7353", "confidence"] == "high"


def test_a_part_in_the_next_sentence_keeps_the_area_of_its_total_but_not_as_high():
    text = "2023年,武汉市纪检监察机关立案3200件。其中,立案查处处级干部56人。"
    rows = candidates(text, VOCABULARY, date(2024, 1, 20), "420000").set_index("value")
    assert (rows.loc["56", "region"], rows.loc["56", "part_of_total"]) == ("420100", "true")
    assert json.loads(rows.loc["56", "why"])["area"] == {"how": "carried", "name": "武汉市"}
    assert rows.loc["56", "confidence"] == "medium"
    # a whole figure of the next sentence is not carried: the area given, in doubt
    rows = candidates("2023年,武汉市立案3200件。全省处分2800人。", VOCABULARY, date(2024, 1, 20), "420000")
    assert rows["region"].iloc[1] == "420000"


def test_an_organ_counting_before_any_total_may_speak_for_its_area():
    text = "2023年,市纪委监委共收到信访举报3000件,其中检举控告类1200件。"
    rows = candidates(text, VOCABULARY, date(2024, 1, 20), "420100").set_index("value")
    assert rows.loc["3000", "confidence"] == "medium"
    text = "2023年,全市共收到信访举报3000件;市纪委监委机关收到信访举报800件。"
    rows = candidates(text, VOCABULARY, date(2024, 1, 20), "420100").set_index("value")
    assert (rows.loc["800", "part_of_total"], rows.loc["800", "confidence"]) == ("true", "high")


def test_a_period_said_in_a_sentence_that_counted_nothing_is_in_doubt():
    rows = candidates("2023年3月,市纪委监委出台《办法》。全市共立案56件。", VOCABULARY, date(2023, 6, 30), "330900")
    assert rows["confidence"].iloc[0] == "medium"  # the month dates the rules, maybe not the cases
    rows = candidates("2023年,全市立案56件。其中,乡科级干部12人。", VOCABULARY, date(2024, 1, 20), "330900")
    assert list(rows["confidence"]) == ["high", "high"]  # counted under it before: it governs the next


def test_a_figure_said_again_is_one_row_at_its_first_mention():
    text = "今年7月全国查处违反中央八项规定精神问题5178起。从查处的5178起问题类型看,违规吃喝最突出。"
    rows = candidates(text, VOCABULARY, date(2018, 8, 28), "100000")
    assert list(zip(rows["value"], rows["indicator"], rows["confidence"])) == [("5178", "eight_point_cases", "high")]
    text = "去年全省共查处问题2578件。去年查处的2578件问题中,违规吃喝390件。"  # restated with its own phrasing too
    assert list(candidates(text, VOCABULARY, date(2017, 1, 7), "350000")["value"]) == ["2578", "390"]
    text = "去年全省共查处问题2578件,处理4258人。\n被处理的4258人中,含厅级干部11人。\n定海区处理4258人。"
    rows = candidates(text, VOCABULARY, date(2017, 1, 7), "350000")  # pointed back to from the next paragraph
    assert list(rows["value"]) == ["2578", "4258", "11", "4258"]  # a paragraph later, said anew: its own row
    assert rows["period_start"].iloc[2] == "2016-01-01"  # the paragraph speaks of the 4258: over its period
    # a small count that repeats is a coincidence, not the same figure
    rows = candidates("今年7月全市立案5件。查实5件。", VOCABULARY, date(2018, 8, 28), "330900")
    assert list(rows["indicator"]) == ["cases_filed", ""]


def test_a_fields_subset_named_a_sentence_before_keeps_the_figure_from_high():
    text = "全县聚焦扶贫领域腐败和作风问题开展专项治理。今年以来,全县共立案56件,处分48人。"
    rows = candidates(text, VOCABULARY, date(2023, 6, 30), "330902")
    assert list(rows["confidence"]) == ["medium", "medium"]
    rows = candidates("全县加强日常监督。今年以来,全县共立案56件,处分48人。", VOCABULARY, date(2023, 6, 30), "330902")
    assert list(rows["confidence"]) == ["high", "high"]


def test_supervision_offices_and_liaison_stations_counted_after_their_noun():
    text = "截至2023年6月底,全市共设立乡镇(街道)监察办公室36个,村级监察联络站1200个。"
    rows = candidates(text, VOCABULARY, date(2023, 7, 20), "330900").set_index("value")
    assert (rows.loc["36", "indicator"], rows.loc["36", "unit"]) == ("supervision_offices", "office")
    assert (rows.loc["1200", "indicator"], rows.loc["1200", "unit"]) == ("supervision_liaison_stations", "office")


@pytest.mark.parametrize("text", [
    "2014年1月至7月,全疆查处违反政治纪律案件87起、处分74人。",  # one kind of breach
    "2014年以来,全区对10家单位进行了问责,给予党纪政纪处分28人。",  # accountability
    "2022年,“倒查20年”行动已查处案件789件,给予党纪政务处分942人。",  # a campaign
    "2018年上半年,全区整治侵害群众利益不正之风和腐敗问题,立案21件。",  # one kind of misconduct
    "2024年,全区乡村振兴资金监督中,共给予党纪政务处分63人。",
    "2023年,全区共查处群众身边作风问题126起,处分152人。",
])
def test_a_count_within_one_kind_of_breach_or_campaign_is_in_doubt(text):
    rows = candidates(text, VOCABULARY, date(2023, 1, 20), "650000")
    assert rows["confidence"].iloc[-1] == "medium"


def test_an_area_total_counted_within_a_field_named_in_its_clause_keeps_no_indicator():
    rows = candidates("2014年1月至7月,全疆查处违反政治纪律案件87起、处分74人。", VOCABULARY, date(2014, 8, 20), "650000")
    assert (rows["indicator"].iloc[-1], rows["confidence"].iloc[-1]) == ("", "medium")
    assert "left blank" in json.loads(rows["why"].iloc[-1])["fields"]["indicator"]
    # a campaign named in an earlier clause frames the area's whole work: the indicator stays, in doubt
    rows = candidates("惩治腐败大震慑行动,聚焦“三不”要求,今年1—11月份,全市共立案257件。", VOCABULARY, date(2018, 12, 23), "330900")
    assert (rows["indicator"].iloc[-1], rows["confidence"].iloc[-1]) == ("cases_filed", "medium")
    rows = candidates("2018年,全县围绕扶贫领域作风和腐败问题,共受理各类群众举报96件。", VOCABULARY, date(2019, 1, 20), "532531")
    assert (rows["indicator"].iloc[-1], rows["confidence"].iloc[-1]) == ("petitions_received", "medium")


@pytest.mark.parametrize("text, value, indicator", [
    ("2023年,全省运用“四种形态”处置13685人。", "13685", "four_forms_total"),
    ("2023年,全省运用四种形态批评教育帮助和处理1.2万人次,其中第一种形态8000人次。", "8000", "four_forms_first"),
    ("今年9月,各省区市共查处违反中央八项规定的问题2191件。", "2191", "eight_point_cases"),
    ("2023年,全州立案查处涉黑涉恶腐败和“保护伞”问题48件。", "48", "organized_crime_umbrella_cases"),
    ("2023年,全省移送检察机关审查起诉56人。", "56", "people_transferred_prosecution"),
])
def test_general_wordings_of_known_indicators(text, value, indicator):
    rows = candidates(text, VOCABULARY, date(2024, 1, 20), "530000").set_index("value")
    assert rows.loc[value, "indicator"] == indicator


def test_offices_and_their_staff_stand_on_the_bulletins_day_when_no_period_is_said():
    text = "永嘉县在全县设立了541个村(社)监察工作联络站,并选优配齐了2266名联络站成员。全县立案12件。"
    rows = candidates(text, VOCABULARY, date(2020, 6, 5), "330324").set_index("value")
    assert list(rows.loc[["541", "2266"], "confidence"]) == ["high", "high"]
    assert rows.loc["12", "confidence"] == "medium"  # a flow with no period said: as of the day, in doubt


def test_a_sentence_that_counts_its_own_subset_does_not_frame_the_next():
    text = "2019年,全市开展专项检查37次。定海区2019年立案58件。"
    rows = candidates(text, VOCABULARY, date(2020, 1, 20), "330900").set_index("value")
    assert rows.loc["58", "confidence"] == "high"
    text = "2022年,“倒查20年”行动查处案件789件共1163人。其中给予党纪政务处分942人。"
    rows = candidates(text, VOCABULARY, date(2022, 9, 22), "150000").set_index("value")
    assert rows.loc["942", "confidence"] == "medium"  # 其中 goes on with the campaign's sentence


def test_people_dealt_with_said_before_their_words():
    text = "2015年全国查处违反中央八项规定精神问题36911起,49508人被处理。"
    rows = candidates(text, VOCABULARY, date(2016, 1, 12), "100000").set_index("value")
    assert rows.loc["49508", "indicator"] == "eight_point_people_handled"


def test_a_paragraph_going_on_with_the_same_report_keeps_its_period():
    text = "天津市各级纪检监察机关去年运用“四种形态”处置13685人。\n据介绍,第一种形态占比为73.2%。"
    rows = candidates(text, VOCABULARY, date(2018, 2, 12), "120000").set_index("value")
    assert tuple(rows.loc["73.2", ["period_start", "period_end"]]) == ("2017-01-01", "2017-12-31")
    text = "天津市各级纪检监察机关去年运用“四种形态”处置13685人。\n第一种形态占比为73.2%。"
    rows = candidates(text, VOCABULARY, date(2018, 2, 12), "120000").set_index("value")
    assert rows.loc["73.2", "period_start"] == "2018-02-12"  # a new paragraph: no period said


def test_offices_sent_down_as_派出监察室():
    rows = candidates("2018年,丰都县设立两个派出监察室。", VOCABULARY, date(2018, 8, 13), "500230")
    assert (rows["indicator"].iloc[0], rows["unit"].iloc[0]) == ("supervision_offices", "office")


def test_a_kind_named_in_its_own_words_beats_a_context_word_further_back():
    text = ("1月份,全国共查处违反中央八项规定精神问题1.2万起,批评教育帮助和处理1.7万人。其中,查处形式主义、官僚主义问题"
            "5000起,批评教育帮助和处理7000人;查处享乐主义、奢靡之风问题3000起,批评教育帮助和处理4200人。")
    rows = candidates(text, VOCABULARY, date(2024, 2, 28), "100000").set_index("value")
    assert list(rows.loc[["5000", "7000", "3000", "4200"], "indicator"]) == \
        ["formalism_cases", "formalism_people", "hedonism_cases", "hedonism_people"]


def _confidence_of(text: str, value: str, on: date = date(2021, 3, 1), region: str = "441424") -> tuple[str, str]:
    rows = candidates(text, VOCABULARY, on, region).set_index("value")
    return rows.loc[value, "indicator"], rows.loc[value, "confidence"]


def test_a_figure_whose_item_names_something_no_indicator_counts_is_decided_with_its_indicator_blank():
    text = "2020年,全县纪检监察机关共立案298件,结案308件,处分286人。"
    assert _confidence_of(text, "308") == ("", "high")  # 结案: no phrasing's words
    # a noun that a phrasing's words begin (信访 of 信访举报) may be an indicator's: not for sure
    assert _confidence_of("2020年,全县共受理信访件96件。", "96")[1] != "high"
    # the item says nothing of what is counted (the noun is outside the brackets), or restates a measure compared with
    assert _confidence_of("2020年,在举报数量基本持平(2020年270.3万件,2019年261.7万件)的情况下,全县立案298件。",
                          "2617000")[1] != "high"
    assert _confidence_of("2020年一季度共受理信访举报115件。与2019年一季度共接收68件相比,增加了47件。", "68")[1] != "high"
    # a duration with no indicator: a window's length, or a time an indicator may want
    assert _confidence_of("2020年,全县审批平均用时共计3天。", "3")[1] != "high"


def test_two_figures_each_with_its_year_are_no_range_from_the_one_to_the_other():
    text = "党的十八大以来,全省贫困发生率从2012年的26.8%下降到2018年4.3%。"
    rows = candidates(text, VOCABULARY, date(2019, 10, 21), "520000").set_index("value")
    assert (rows.loc["4.3", "period_start"], rows.loc["4.3", "period_end"]) == ("2018-01-01", "2018-12-31")



def test_an_indicator_counted_in_what_inspections_handed_over_is_in_doubt_and_an_organs_own_counts_are_no_total():
    text = ("2018年,荆州市县两级已对71个乡镇开展了政治巡察,发现问题4700个,移交相关部门党纪政务处分350人、"
            "组织处理871人、移送司法16人。")
    rows = candidates(text, VOCABULARY, date(2018, 10, 10), "421000").set_index("value")
    assert (rows.loc["350", "indicator"], rows.loc["350", "confidence"]) == ("people_disciplined", "medium")
    assert rows.loc["16", "part_of_total"] == "false"  # 组织处理871人 is one kind of handling, not a total
    text = "截至目前,县纪委监委开展监督检查6次,下发通报2起,立案查处1起,发现问题42个。"
    rows = candidates(text, VOCABULARY, date(2023, 7, 23), "621027")
    assert "high" not in set(rows["confidence"])  # the organ's own work with no total of the area before it
