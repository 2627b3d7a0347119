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
