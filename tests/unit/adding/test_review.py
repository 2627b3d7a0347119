"""The /add page's work that is not the page: counting the reader's edits to the extracted rows."""
import re

import pandas as pd

from dashboard.adding.review import edits


def test_the_review_counts_changed_added_and_deleted_rows():
    extracted = pd.DataFrame({"value": ["1", "2", "3"], "note": ["", "", ""]})
    assert edits(extracted, extracted.copy()) == 0
    changed = extracted.assign(note=["checked", "", ""])
    assert edits(extracted, changed) == 1
    assert edits(extracted, changed.drop(index=2)) == 2  # one changed, one deleted
    added = pd.concat([extracted, pd.DataFrame({"value": ["4"], "note": [""]}, index=[7])])
    assert edits(extracted, added) == 1


# ---- #30: the check speaks the page's language ----

def _checked_with_a_bad_date_and_an_unknown_unit():
    from dashboard.adding import review
    from tests.conftest import PACKAGE

    text = "舟山市纪委监委\n2019年,全市纪检监察机关共立案312件。"
    row = {"fact_id": "cases-filed-330900-2019-01-01-2019-12-31", "indicator": "cases_filed", "region": "330900",
           "sector": "", "period_start": "2019-13-45", "period_end": "2019-12-31", "value": "312", "qualifier": "exact",
           "unit": "kg", "unit_word": "", "source": "zs-2020-review", "locator": "立案312件", "note": ""}
    source = review.source_frame(text, {"id": "zs-2020-review", "title": "测试", "publisher": "舟山市纪委监委",
                                        "date": "2020-01-20", "kind": "report"})
    return review.problems(PACKAGE, text, pd.DataFrame([row]), source)


def test_the_check_of_a_bad_date_and_an_unknown_unit_reads_in_chinese_on_the_chinese_page_and_english_on_the_english():
    from dashboard.adding.review import column_label, problems_table

    found = _checked_with_a_bad_date_and_an_unknown_unit()
    zh, en = problems_table(found, "zh"), problems_table(found, "en")
    said = {lang: dict(zip(table.iloc[:, 1], table.iloc[:, 2])) for lang, table in (("zh", zh), ("en", en))}
    start, unit = ({lang: column_label(c, lang, False) for lang in ("zh", "en")} for c in ("period_start", "unit"))
    assert said["zh"][start["zh"]] == "应为YYYY-MM-DD 格式的日期;实际为'2019-13-45'"
    assert said["zh"][unit["zh"]].startswith("应为以下之一:case, person,") and said["zh"][unit["zh"]].endswith(";实际为'kg'")
    assert said["en"][start["en"]] == "expected a date as YYYY-MM-DD; found '2019-13-45'"
    assert said["en"][unit["en"]].startswith("expected one of case, person,") and said["en"][unit["en"]].endswith("; found 'kg'")
    assert list(zh.columns) != list(en.columns)
    for message in zh.iloc[:, 2]:
        assert not re.search(r"\b(expected|found|a date|one of)\b", message), message
    for message in en.iloc[:, 2]:
        assert not re.search(r"[\u4e00-\u9fff]", message), message


def test_our_own_findings_are_said_in_one_language():
    from dashboard.adding.review import RowProblem, problems_table

    found = [RowProblem(1, "locator", key="problem.not_in_text"), RowProblem(2, "locator", key="problem.too_long", values=(("n", 30),))]
    assert list(problems_table(found, "zh").iloc[:, 2]) == ["原文中找不到这段引文", "超过 30 个字符"]
    assert list(problems_table(found, "en").iloc[:, 2]) == ["not found word for word in the text", "longer than 30 characters"]


# ---- #26: the review table: least certain first, accept boxes, why by field, part of a total ----

def test_least_certain_rows_come_first_and_keep_their_order_within_each():
    from dashboard.adding.review import uncertain_first

    rows = pd.DataFrame({"value": list("abcdef"), "confidence": ["high", "medium", "low", "high", "?", "low"]})
    assert uncertain_first(rows)["value"].tolist() == ["c", "e", "f", "b", "a", "d"]  # an unknown word counts as low
    assert uncertain_first(rows).index.tolist() == list(range(6))


def test_accept_high_ticks_the_high_rows_keeps_other_ticks_and_only_accepted_rows_go_on():
    from dashboard.adding.review import accept_high, accepted

    rows = pd.DataFrame({"value": list("abcd"), "confidence": ["low", "high", "medium", "high"],
                         "accept": [True, False, None, "false"]})  # None: a row the reviewer added
    ticked = accept_high(rows)
    assert ticked["accept"].tolist() == [True, True, False, True]
    assert accepted(ticked)["value"].tolist() == ["a", "b", "d"]
    assert accepted(rows)["value"].tolist() == ["a"]
    assert accepted(rows.drop(columns="accept")).empty  # no box at all: nothing accepted


def test_why_by_field_words_each_field_from_the_record_in_the_pages_language(dataset):
    import json

    from dashboard.adding.review import WHY_FIELDS, why_by_field

    record = {"phrase": "立案{n}件", "context": [], "indicator": "cases_filed", "figure": "不超过60件",
              "qualifier": "at_most", "stage": "", "period": {"how": "stated", "words": "2021年上半年"},
              "area": {"how": "named", "name": "定海区"}, "at": [3, 9]}
    plain = why_by_field(json.dumps(record, ensure_ascii=False), dataset, "en")
    assert list(plain) == list(WHY_FIELDS) and all(plain.values())
    assert plain["period"] == "“2021年上半年”" and plain["region"] == "“定海区” in the text"
    assert "at_most" in plain["qualifier"] or "most" in plain["qualifier"]  # worded, or the code while i18n lacks it
    record["fields"] = {"period": "period phrase 2021年上半年", "qualifier": {"zh": "“不超过”", "en": "“不超过”: at most"},
                        "unit": "说法“立案{n}件”"}
    record["part"] = {"how": "marker", "words": "其中"}
    said = json.dumps(record, ensure_ascii=False)
    zh, en = why_by_field(said, dataset, "zh"), why_by_field(said, dataset, "en")
    assert en["period"] == "“2021年上半年”" and en["qualifier"] == plain["qualifier"]  # the record's words first
    assert zh["period"] == "“2021年上半年”" and zh["unit"] == "说法“立案…件”"
    assert zh["region"] == "文中的“定海区”"  # not in `fields`: worded from the record
    assert zh["indicator"].endswith("总数中的一部分(“其中”)") and en["indicator"].endswith("part of a total (“其中”)")
    assert why_by_field("not json", dataset, "zh") == dict.fromkeys(WHY_FIELDS, "")
    record.update(indicator="", subset="cases_filed", part={})  # 查处扶贫领域问题,立案37件: left blank, and why
    en = why_by_field(json.dumps(record, ensure_ascii=False), dataset, "en")
    assert en["indicator"].endswith("not the area's “Cases filed”: left blank")


def test_the_review_table_marks_parts_of_a_total_and_starts_unaccepted(dataset):
    from dashboard.adding.review import for_review

    rows = pd.DataFrame({"indicator": ["cases_filed", ""], "region": ["330900", ""], "sector": ["", ""],
                         "confidence": ["high", "low"], "part_of_total": ["true", "false"], "why": ["{}", "{}"]})
    shown = for_review(rows, dataset, "zh")
    assert shown["part"].tolist() == ["总数中的一部分", ""] and not shown["accept"].any()
    assert for_review(rows.drop(columns="part_of_total"), dataset, "en")["part"].tolist() == ["", ""]  # not said: no mark


# ---- #26: new areas are their own rows to accept ----

def test_new_areas_are_proposed_unticked_and_only_the_ticked_ones_join_the_package_with_the_rows():
    import io
    import zipfile
    from datetime import date

    from dashboard.adding import review
    from tests.conftest import PACKAGE

    text = "杭州市纪委监委\n2019年,西湖区纪检监察机关共立案312件。"
    rows = review.extract(text, PACKAGE, date(2020, 1, 20), None, "hz-2020-review")
    assert rows["region"].tolist() == ["330106"]
    areas = review.proposed_areas(rows, PACKAGE)
    assert areas[["accept", "code", "name_en"]].values.tolist() == [[False, "330100", "Hangzhou"],
                                                                   [False, "330106", "Xihu District"]]
    assert review.accepted_areas(areas).empty
    source = review.source_frame(text, {"id": "hz-2020-review", "title": "测试", "publisher": "杭州市纪委监委",
                                        "date": "2020-01-20", "kind": "report"})
    unticked = review.problems(PACKAGE, text, rows, source, review.accepted_areas(areas))
    assert [p.column for p in unticked] == ["region"]  # the fact names an area the package lacks
    ticked = review.accepted_areas(areas.assign(accept=True))
    assert review.problems(PACKAGE, text, rows, source, ticked) == []
    with zipfile.ZipFile(io.BytesIO(review.updated_zip(PACKAGE, rows, source, ticked))) as package:
        regions = package.read(next(n for n in package.namelist() if n.endswith("regions.csv"))).decode()
    assert regions.endswith("330100,杭州市,Hangzhou,city,330000\n330106,西湖区,Xihu District,county,330100\n")


def test_the_review_table_offers_and_names_the_proposed_areas():
    from dashboard.adding.review import choice_labels, with_areas
    from dashboard.storing.package import read_package
    from tests.conftest import PACKAGE

    ds = read_package(PACKAGE)
    areas = pd.DataFrame([[True, "330106", "西湖区", "Xihu District", "county", "330100"]],
                         columns=["accept", "code", "name_zh", "name_en", "level", "parent"])
    assert choice_labels(with_areas(ds, areas), "en")["region"]["330106"] == "Xihu District · 330106"
    assert with_areas(ds, None) is ds


def test_why_says_when_a_shared_area_name_was_left_blank():
    from datetime import date

    from dashboard.adding import review
    from dashboard.storing.package import read_package
    from tests.conftest import PACKAGE

    rows = review.extract("2023年,朝阳区立案120件。", PACKAGE, date(2023, 12, 1), None, "x")
    assert rows["region"].tolist() == [""]
    ds = read_package(PACKAGE)
    assert "“朝阳区”有多处同名地区" in review.why_by_field(rows["why"].iloc[0], ds, "zh")["region"]
    assert "“朝阳区” names several places" in review.why_by_field(rows["why"].iloc[0], ds, "en")["region"]
