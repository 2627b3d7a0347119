"""Parts of totals: 其中, 含, 包括, brackets after a total, ranks and an organ's own work (#26)."""
from datetime import date

import pytest

from dashboard.adding.candidates import Vocabulary, candidates
from dashboard.adding.parts import indicator_of_part
from tests.conftest import PACKAGE

VOCABULARY = Vocabulary.from_package(PACKAGE.parent)


def rows_of(text: str) -> dict[str, tuple[str, str]]:
    rows = candidates(text, VOCABULARY, date(2021, 7, 20), "330900")
    return dict(zip(rows["value"], zip(rows["indicator"], rows["part_of_total"])))


def test_parts_in_brackets_keep_their_own_indicator_and_never_take_the_totals():
    got = rows_of("2021年上半年,全市处分212人(其中党纪处分190人、政务处分31人)。")
    assert got == {"212": ("people_disciplined", "false"), "190": ("party_discipline_people", "true"),
                   "31": ("", "true")}


def test_a_bracket_after_a_total_holds_parts_without_saying_其中():
    assert rows_of("全市处分212人(党纪处分190人)。")["190"] == ("party_discipline_people", "true")


def test_其中_at_the_head_of_the_next_sentence_governs_that_sentence_only_to_its_clause_end():
    got = rows_of("全市立案312件。其中,省管干部12人,处分8人;移送司法机关17人。")
    assert got["12"][1] == got["8"][1] == "true"
    assert got["17"][1] == "false"


@pytest.mark.parametrize("text, value", [
    ("省纪委机关立案15件。", "15"), ("其中,省纪委立案22件。", "22"), ("处分乡科级以下干部35名。", "35"),
    ("厅局级干部691人。", "691"), ("机关本级立案5件。", "5"), ("处分县处级干部0.4万人。", "4000")])
def test_counts_of_a_rank_or_of_an_organs_own_work_are_parts_with_no_indicator(text, value):
    assert rows_of(text)[value] == ("", "true")


def test_a_named_commission_speaking_for_its_area_is_not_a_part():
    assert rows_of("永嘉县纪委县监委在全县设立了541个村监察工作联络站。")["541"][1] == "false"


@pytest.mark.parametrize("text, value", [
    ("移送司法机关298人,其中涉及县处级干部242人,通过办案挽回直接经济损失6.23亿元。", "6.23"),  # another unit: not the total's part
    ("其中,第一种形态23.6万人次,占总人次的70.9%。", "70.9")])  # a share is not a part
def test_what_follows_其中_in_another_unit_or_as_a_share_is_not_a_part(text, value):
    assert rows_of(text)[value][1] == "false"


def test_a_part_keeps_an_indicator_only_when_it_is_not_a_totals():
    assert indicator_of_part("party_discipline_people", True, {"people_disciplined"}) == "party_discipline_people"
    assert indicator_of_part("people_disciplined", False, {"people_disciplined"}) == ""
    assert indicator_of_part("cases_filed", True, set()) == ""
    assert indicator_of_part("cases_filed", False, set()) == "cases_filed"


def test_a_sentence_that_breaks_a_total_down_by_type_holds_parts_to_its_end():
    got = rows_of("全市受理信访举报80件。从举报方式看,来信举报20件,占25%;网络举报60件。此后立案9件。")
    assert got["20"][1] == got["60"][1] == "true"
    assert got["80"][1] == got["9"][1] == got["25"][1] == "false"


def test_中_after_a_clause_that_holds_the_total_opens_its_parts_and_elsewhere_nothing():
    assert rows_of("全省31个市的纪委中,至少11个市设立了接待室。")["11"][1] == "true"
    assert rows_of("在专项检查中,发现问题12个。")["12"][1] == "false"


def test_从_看_that_only_frames_what_follows_holds_no_parts():
    got = rows_of("全市受理信访举报80件。从全年情况看,立案20件,处分12人。")
    assert got["20"][1] == got["12"][1] == "false"


def test_government_sanctions_alone_are_one_kind_of_the_people_disciplined():
    got = rows_of("2021年上半年,全市给予党纪处分190人、政务处分31人,给予党纪政务处分221人,党政纪处分5人。")
    assert got["31"] == ("", "true")
    assert got["221"] == ("people_disciplined", "false")  # both kinds: the total
    assert got["5"][1] == "false"


def test_clues_counted_without_the_verb_that_handles_them_take_no_indicator():
    got = rows_of("2021年上半年,巡视移交问题线索120件,全市处置问题线索300件。")
    assert got["120"][0] == ""
    assert got["300"][0] == "clues_handled"


def test_a_sentence_opening_with_其中_takes_the_context_words_of_its_total():
    rows = candidates("2021年上半年,全市查处违反中央八项规定精神问题120起,处理180人。其中,党纪政务处分110人。",
                      VOCABULARY, date(2021, 7, 20), "330900").set_index("value")
    assert (rows.loc["110", "indicator"], rows.loc["110", "part_of_total"]) == ("eight_point_people_disciplined", "true")
    assert rows.loc["110", "confidence"] == "high"


def test_件_with_no_noun_counts_what_件_counted_before_in_the_paragraph():
    text = "今年1至6月,全县共受理群众诉求708件,已办结708件。\n从反映方式来看,来访555件,占比78.39%。"
    rows = candidates(text, VOCABULARY, date(2021, 7, 20), "330900").set_index("value")
    assert list(rows.loc[["708", "555"], "unit"]) == ["item", "item", "item"]


def test_a_part_with_a_period_of_its_own_keeps_the_measures_indicator():
    text = "2015年全国查处违反中央八项规定精神问题36911起。其中仅12月一个月内,就查处问题4785起。"
    rows = candidates(text, VOCABULARY, date(2016, 1, 12), "100000").set_index("value")
    assert tuple(rows.loc["4785", ["indicator", "period_start", "period_end"]]) == \
        ("eight_point_cases", "2015-12-01", "2015-12-31")


def test_an_organs_own_figures_go_on_through_its_sentence_until_the_whole_is_named_again():
    text = ("截至10月底,全市各级纪检监察机关立案189件,处分187人;市纪委共接受信访举报2452件次,占全市的75.5%;"
            "立案48件;结案45件,处分40人。")
    got = rows_of(text)
    assert got["189"] == ("cases_filed", "false")
    assert got["48"] == ("", "true") and got["40"] == ("", "true")
    assert rows_of("2021年上半年,省纪委立案22件,全省立案1200件。")["1200"] == ("cases_filed", "false")


def test_a_part_of_one_ranks_count_is_that_ranks_too_and_takes_no_indicator():
    text = "2015年,有10名省部级干部因违反八项规定受处理,其中8人受到党纪政纪处分。"
    assert rows_of(text)["8"] == ("", "true")
    assert rows_of("2021年上半年,全县处分212人(其中党纪处分190人)。")["190"] == ("party_discipline_people", "true")
