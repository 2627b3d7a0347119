"""The areas a bulletin names: the full gazetteer, short forms, shared names, 全国 in a ranking, new regions."""
import json
from datetime import date

import pandas as pd
import pytest

from dashboard.adding.areas import Gazetteer, english_name, Place
from dashboard.adding.candidates import Vocabulary, candidates
from tests.conftest import PACKAGE, ROOT

VOCABULARY = Vocabulary.from_package(PACKAGE.parent)
GAZETTEER = VOCABULARY.areas
READ = lambda name: pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731


def _area(text: str, region: str | None = None, value: str | None = None) -> tuple[str, dict]:
    rows = candidates(text, VOCABULARY, date(2023, 12, 1), region)
    row = rows.iloc[0] if value is None else rows[rows["value"] == value].iloc[0]
    return row["region"], json.loads(row["why"])["area"]


def test_the_gazetteer_holds_every_province_prefecture_and_county_with_a_parent_it_also_holds():
    gazetteer = READ("gazetteer")
    counts = gazetteer["level"].value_counts()
    assert counts["province"] == 34 and counts["city"] >= 330 and counts["county"] >= 2800
    assert set(gazetteer["parent"]) - {""} <= set(gazetteer["code"])
    assert gazetteer["code"].str.fullmatch(r"\d{6}").all() and gazetteer["code"].is_unique
    named = dict(zip(gazetteer["code"], gazetteer["name_zh"]))
    assert named["330106"] == "西湖区" and named["330113"] == "临平区" and named["110105"] == "朝阳区"


def test_every_package_region_is_in_the_gazetteer_under_the_same_code():
    gazetteer = READ("gazetteer").set_index("code")
    for row in READ("regions").itertuples():
        assert gazetteer.loc[row.code, "name_zh"] == row.name_zh and gazetteer.loc[row.code, "level"] == row.level


def test_an_area_outside_the_package_gets_its_code_by_full_or_short_name():
    assert _area("杭州市纪委\n2023年,西湖区立案120件。")[0] == "330106"
    assert _area("2022年,杭州立案100件。")[0] == "330100"
    assert _area("杭州市纪委监委\n2022年,西湖立案5件。")[0] == "330106"  # a county's short form, in its province


def test_a_name_two_places_share_is_resolved_by_the_bulletins_context_or_left_blank_saying_so():
    assert _area("2023年,朝阳区立案120件。", "110000")[0] == "110105"
    assert _area("2023年,朝阳区立案120件。", "220100")[0] == "220104"
    assert _area("南京市纪委监委\n2023年,鼓楼区立案12件。")[0] == "320106"
    code, why = _area("2023年,朝阳区立案120件。")
    assert code == "" and why["how"] == "ambiguous" and set(why["codes"]) == {"110105", "220104"}


def test_a_county_short_form_outside_the_bulletins_province_is_an_everyday_word():
    assert _area("2022年,和平立案100件。")[0] == ""  # 和平区 (天津, 沈阳): here 'peace'
    assert _area("今年以来,城区立案10件。", "330900")[0] == "330900"  # 城区 is 阳泉's, not Zhoushan's


def test_the_longest_name_wins_and_a_name_inside_another_name_is_none():
    assert _area("舟山市定海区纪委\n今年以来立案58件。")[0] == "330902"
    code, why = _area("舟山市纪委\n近日,高丝化妆品销售(中国)有限公司杭州分公司的唐小姐,到市市场监管局提交资料半小时不到。")
    assert code == "330900" and why["how"] == "heading"


@pytest.mark.parametrize("text", ["我市清廉建设走在全国前列,全市立案55件。", "我市入选全国首批试点,全市立案55件。",
                                  "全市立案55件,居全省第一。"])
def test_an_incidental_whole_country_or_province_in_a_ranking_is_not_the_area(text):
    assert _area(text, "330900", "55")[0] == "330900"


def test_the_whole_country_province_city_and_county_words_count_the_context():
    assert _area("全国纪检监察机关共立案41.3万件。")[0] == "100000"
    assert _area("全县共立案20件。", "330921")[0] == "330921"
    assert _area("全市共立案20件。", "330902")[0] == "330900"  # a county's bulletin speaking of its city
    assert _area("全省共立案2000件。", "330900")[0] == "330000"


def test_a_township_count_never_cuts_township_out_of_townships_and_towns():
    rows = candidates("全县37个乡镇共立案20件。", VOCABULARY, date(2023, 1, 1), "330921")
    first = rows[rows["value"] == "37"].iloc[0]
    assert first["indicator"] != "townships" and "37个乡" != first["locator"]
    rows = candidates("全县共有5个乡、8个镇。", VOCABULARY, date(2023, 1, 1), "330921")
    assert rows["indicator"].tolist() == ["townships", "towns"]


def test_new_regions_come_with_their_parents_up_to_the_packages_in_order():
    new = GAZETTEER.new_regions(["330106", "330902", "110108"])
    assert new.values.tolist() == [
        ["110000", "北京市", "Beijing", "province", "100000"],
        ["110108", "海淀区", "Haidian District", "county", "110000"],  # a municipality's district: under it
        ["330100", "杭州市", "Hangzhou", "city", "330000"],
        ["330106", "西湖区", "Xihu District", "county", "330100"]]


@pytest.mark.parametrize("name, level, english", [("西湖区", "county", "Xihu District"), ("杭州市", "city", "Hangzhou"),
                                                   ("义乌市", "county", "Yiwu City"), ("岱山县", "county", "Daishan County"),
                                                   ("浙江省", "province", "Zhejiang"), ("阿里地区", "city", "Ali Prefecture"),
                                                   ("恩施土家族苗族自治州", "city", "Enshi Autonomous Prefecture")])
def test_an_english_name_from_pinyin(name, level, english):
    assert english_name(Place("000000", name, level, "")) == english


def test_a_package_without_a_gazetteer_names_its_own_regions_only():
    gazetteer = Gazetteer(READ("regions"))
    assert [n.name for n in gazetteer.find("舟山市西湖区定海")] == ["舟山市", "定海"]


def test_a_county_short_form_inside_a_towns_name_is_not_the_county():
    """三棵榆树镇 is a town of 通化县, not 榆树市 (also in 吉林)."""
    assert _area("2020年,在三棵榆树镇选择8个村。", "220521")[0] == "220521"


def test_areas_listed_as_examples_of_several_are_not_the_area_counted():
    assert _area("张北县、大名县等22个县(市、区)完成试点。", "130000", "22")[0] == "130000"


def test_that_city_means_the_city_of_the_area_named_before_it_and_a_municipality_is_a_city():
    text = "日前,重庆市大足区监察委员会挂牌成立,至此,该市38个区县监委全部完成组建。"
    assert _area(text, "500000", "38")[0] == "500000"  # 该市 after 大足区: 重庆市, a municipality
    assert _area("本市共立案20件。", "330902")[0] == "330900"
    assert _area("全市共立案20件。", "110105")[0] == "110000"


@pytest.mark.parametrize("text, region, code", [("恩施州纪委监委\n今年以来立案58件。", None, "422800"),
                                                ("2023年,长阳县立案12件。", "420000", "420528"),
                                                ("2023年,黔东南州立案12件。", None, "522600")])
def test_an_autonomous_prefecture_or_county_by_its_place_name_and_level(text, region, code):
    assert _area(text, region)[0] == code


def test_a_province_by_its_short_name_counts_in_a_national_release_only():
    text = "“反腐重灾区”山西落马的省部级官员最多,达7名;其次是四川,4名;江西,3名。"
    assert [_area(text, "100000", v)[0] for v in ("7", "4", "3")] == ["140000", "510000", "360000"]
    assert _area("浙江自贸试验区立案3件。", "330900")[0] == "330900"
    assert _area("【新华社北京10月22日电】全国共有83195名党员干部主动上交现金。", "100000", "83195")[0] == "100000"


def test_the_production_and_construction_corps_is_not_xinjiang():
    from dashboard.adding.candidates import Vocabulary
    from tests.conftest import PACKAGE
    found = Vocabulary.from_package(PACKAGE.parent).areas.find("各省、自治区、直辖市和新疆生产建设兵团", "100000")
    assert [n.name for n in found] == []


def test_全省_in_a_national_release_is_the_province_named_before_it():
    text = "2023年,湖北省纪检监察机关立案3万件。全省处分2.8万人。"
    rows = candidates(text, VOCABULARY, date(2024, 1, 20), "100000")
    assert list(rows["region"]) == ["420000", "420000"]
    rows = candidates("2023年,全省处分2.8万人。", VOCABULARY, date(2024, 1, 20), "100000")
    assert rows["region"].iloc[0] == "100000"  # no province named: 全省 means nothing here


def test_a_name_is_not_cut_from_其中():
    areas = VOCABULARY.areas
    assert [n.name for n in areas.find("其中山西有七人,其中山东省立案", "100000")] == ["山西", "山东省"]
    assert [n.name for n in areas.find("中山市立案", "100000")] == ["中山市"]


def test_a_papers_city_before_its_title_is_not_an_area():
    assert [n.name for n in VOCABULARY.areas.find("北京《法制晚报》报道,全国", "100000")] == ["全国"]


def test_我市_is_the_bulletins_own_city_only_at_a_citys_level():
    from dashboard.adding.areas import _own_level
    assert _own_level("我市", "330282") and _own_level("我市", "330200") and not _own_level("我市", "330902")
    assert _own_level("我县", "131022") and not _own_level("我县", "330200") and not _own_level("本市", "330000")
