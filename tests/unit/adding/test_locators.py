"""Locators that name what is counted: the shortest verbatim quote ≤ 30 characters holding the figure
and its noun, unique in the text (#26)."""
from datetime import date

import pytest

from dashboard.adding.candidates import Vocabulary, candidates
from tests.conftest import PACKAGE

VOCABULARY = Vocabulary.from_package(PACKAGE.parent)


def locators(text: str) -> dict[str, str]:
    rows = candidates(text, VOCABULARY, date(2021, 7, 20), "330900")
    return dict(zip(rows["value"], rows["locator"]))


@pytest.mark.parametrize("text, value, quote", [
    ("截至目前,4个县(区)共设立派出监察办公室39个。", "39", "派出监察办公室39个"),  # a phrasing's span
    ("463名党员干部被追究刑事责任。", "463", "463名党员干部"),  # the noun after a general measure word
    ("全县22个乡镇(街道)均已完成。", "22", "22个乡镇"),
    ("已巡视3738个地区单位,发现问题。", "3738", "3738个地区单位"),
    ("农村、企业等其他人员15731人。", "15731", "其他人员15731人"),  # cut at a word's join, not inside one
    ("全市共有35名", "35", "全市共有35名"),  # no noun after it: the words before
    ("截至目前,全市监察立案28起28人。", "28", "全市监察立案28起28人"),  # 起28人 alone names nothing
    ("共立案2600余件14100余人。", "14100", "共立案2600余件14100余人"),
])
def test_a_locator_holds_the_figure_and_its_noun(text, value, quote):
    assert locators(text)[value] == quote


def test_a_locator_is_unique_in_the_text():
    text = "第二种形态处理262人次,占26%;第三种形态处理35人次,占3.5%;第四种形态处理45人次,占3.5%。"
    found = locators(text)
    assert all(text.count(quote) == 1 and len(quote) <= 30 for quote in found.values())


def test_中_ends_a_noun_only_as_among():
    got = locators("在111个中央企业建立了制度;处分的5101人中,地厅级干部67人。")
    assert got["111"] == "111个中央企业"
