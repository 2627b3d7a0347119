"""Both scripts: traditional characters read as simplified, every locator quoted as published."""
import json
from datetime import date

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.adding.candidates import Vocabulary, candidates
from dashboard.adding.scripts import as_published, simplified
from tests.conftest import PACKAGE

VOCABULARY = Vocabulary.from_package(PACKAGE.parent)
SAME = ["indicator", "region", "sector", "period_start", "period_end", "value", "qualifier", "unit"]
TRADITIONAL = "全國紀檢監察機關共立案41.3萬件,處分41.5萬人"
SIMPLIFIED = "全国纪检监察机关共立案41.3万件,处分41.5万人"


def test_traditional_text_gives_the_figures_of_its_simplified_twin_with_traditional_locators():
    traditional = candidates(TRADITIONAL, VOCABULARY, date(2023, 1, 1))
    twin = candidates(SIMPLIFIED, VOCABULARY, date(2023, 1, 1))
    assert traditional[SAME].values.tolist() == twin[SAME].values.tolist()
    assert traditional["indicator"].tolist() == ["cases_filed", "people_disciplined"]
    assert traditional["region"].tolist() == ["100000", "100000"]
    assert traditional["locator"].tolist() == ["立案41.3萬件", "處分41.5萬人"]
    assert all(locator in TRADITIONAL for locator in traditional["locator"])
    assert traditional["note"].iloc[0].startswith("原文41.3萬件")


def test_a_traditional_area_name_is_found_too():
    rows = candidates("舟山市紀委監委\n2019年,定海區立案58件。", VOCABULARY, date(2020, 1, 20))
    assert rows[["region", "locator"]].values.tolist() == [["330902", "立案58件"]]


def test_simplified_text_is_left_as_it_is():
    assert simplified(SIMPLIFIED) == SIMPLIFIED and simplified("abc 123") == "abc 123"


def test_a_repeated_locator_is_quoted_from_its_own_place():
    published = "處分5人。转载:处分5人"  # a reprint quoting both scripts: each row's quote is its own place's
    rows = pd.DataFrame({"locator": ["处分5人", "处分5人"], "note": ["", ""]})
    assert as_published(rows, simplified(published), published)["locator"].tolist() == ["處分5人", "处分5人"]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from(list("國紀檢監察機關萬處分乾後臺灣發髮里裡著着只隻系係麵面") + list("0123456789,。")),
               max_size=80))
def test_the_simplified_text_has_the_published_length_so_every_span_maps_back(text):
    assert len(simplified(text)) == len(text)
    for locator in candidates(text, VOCABULARY, date(2023, 1, 1))["locator"]:
        assert locator in text


def test_pinyin_glosses_of_reprint_sites_are_skipped_and_quoted_as_published():
    """規(guī)定 on a mirror site: read as 规定 (no false figure 八项), quoted with the gloss, as published."""
    glossed = "截至2017年10月31日,全國查處違反中央八項規(guī)定精神問(wèn)題193168起,處理262594人。"
    plain = glossed.replace("(guī)", "").replace("(wèn)", "")
    rows, twin = candidates(glossed, VOCABULARY, date(2017, 12, 1)), candidates(plain, VOCABULARY, date(2017, 12, 1))
    assert rows[SAME].values.tolist() == twin[SAME].values.tolist()
    assert rows["indicator"].tolist() == ["eight_point_cases", "eight_point_people_handled"]
    assert all(locator in glossed for locator in rows["locator"]) and "問(wèn)題193168起" in rows["locator"].tolist()
    starts = [json.loads(why)["at"][0] for why in rows["why"]]
    assert [glossed[at:at + 6] for at in starts] == ["193168", "262594"]  # where the figures are as published
