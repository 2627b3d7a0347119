"""Doubts read around a `high` row: cues a reviewer would stop at though every field was found (#26)."""
import json
from datetime import date

from dashboard.adding.candidates import Vocabulary, candidates
from dashboard.adding.doubts import doubted
from tests.conftest import PACKAGE

VOCABULARY = Vocabulary.from_package(PACKAGE.parent)


def _confidence(text: str, on: date, region: str) -> dict[str, str]:
    rows = candidates(text, VOCABULARY, on, region)
    return {json.loads(r["why"])["figure"]: r["confidence"] for _, r in rows.iterrows()}


def test_a_period_phrase_that_starts_a_span_ended_by_an_event_is_in_doubt():
    said = _confidence("自去年天津港“8·12”特别重大火灾爆炸事故发生以来,天津至少有35名厅局级及以上干部落马。"
                       "另有74名爆炸事故责任人员被给予党纪政纪处分,其中省部级5人,厅局级22人。", date(2016, 9, 13), "120000")
    assert said["5人"] != "high" and said["22人"] != "high"


def test_a_day_that_ends_a_span_whose_start_was_not_read_is_in_doubt():
    said = _confidence("从中共第18次全国代表大会(18大)至11月4日为止的巡视组报告,共31个省市区、7家中央单位。",
                       date(2014, 11, 7), "100000")
    assert said["7家"] != "high"


def test_a_total_restricted_to_a_level_or_to_some_organs_is_in_doubt():
    # (parts.py reads these as parts with no indicator; a row that kept its phrasing's indicator is in doubt)
    for text, figure in (("2015年,山西省各级纪检监察机关共立案侦查乡科级及以下干部案件19756件,结案19661件,处分21307人。", "21307"),
                         ("截至目前,全市基层16个监察员办公室共立案59件,处分22人。", "59")):
        why = {"at": [text.index(figure)], "period": {"how": "stated", "words": ""}, "area": {"how": "given"}}
        assert doubted(text, why, "140000", "people_disciplined", "140000")
    # staff counted beside the offices are no such subset
    text = "全州共任命乡镇(街道)监察室主任、副主任、监察员各110名,聘任村(社区)监察联络员1144名。"
    why = {"at": [text.index("1144")], "period": {"how": "bulletin_date"}, "area": {"how": "given"}}
    assert not doubted(text, why, "532900", "supervision_liaison_staff", "532900")
    assert doubted(text, why, "532900", "people_disciplined", "532900")


def test_an_average_over_years_and_an_area_named_above_the_bulletins_are_in_doubt():
    said = _confidence("党的十八大以来,全省年均减贫超过100万人。", date(2019, 10, 21), "520000")
    assert said["超过100万人"] != "high"
    said = _confidence("去年以来,目前已成功创建金华市清廉建设成绩突出单位1家,金华市标准型清廉国企2家。", date(2023, 5, 9), "330783")
    assert said["1家"] != "high" and said["2家"] != "high"

