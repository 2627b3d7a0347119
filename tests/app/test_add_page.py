"""/add in AppTest: extract, the check names what is missing, and each session keeps its own work."""
from datetime import date

import pytest

from dashboard.kernel.i18n import t

BULLETIN = "舟山市纪委监委\n2019年,全市纪检监察机关共处置问题线索1024件,立案312件,处分287人。"


def _extract(at, text: str = BULLETIN, **source):
    at.text_area(key="add_text").set_value(text)
    at.date_input(key="add_date").set_value(date(2020, 1, 20))
    for key, value in source.items():
        at.text_input(key=f"add_{key}").set_value(value)
    at.run()
    return at.button(key="add_go").click().run()


@pytest.mark.parametrize("lang", ["中文", "English"])
def test_the_page_opens_empty_and_says_what_to_do(open_page, lang):
    at = open_page("add", lang=lang)
    code = "zh" if lang == "中文" else "en"
    assert not at.exception
    assert at.title[0].value == t("page.add", code)
    assert [i.value for i in at.info] == [t("add.nothing_yet", code)]
    assert at.button(key="add_go").disabled  # nothing to extract yet


def test_extracting_lists_candidates_and_the_check_names_the_missing_source_fields(open_page):
    at = _extract(open_page("add", lang="English"))
    assert not at.exception
    rows = at.session_state["add_rows"]
    assert rows[["indicator", "value", "period_start", "period_end"]].values.tolist() == [
        ["clues_handled", "1024", "2019-01-01", "2019-12-31"], ["cases_filed", "312", "2019-01-01", "2019-12-31"],
        ["people_disciplined", "287", "2019-01-01", "2019-12-31"]]
    assert at.error[0].value == t("add.invalid", "en", n=4)
    problems = at.dataframe[-1].value
    assert {column.rsplit("(", 1)[-1].rstrip(")") for column in problems.iloc[:, 1]} == {
        "title", "title_en", "publisher", "publisher_en"}


def test_with_the_source_filled_every_row_passes_and_the_package_download_is_offered(open_page):
    at = _extract(open_page("add", lang="English"), title="测试", title_en="Test", publisher="舟山市纪委监委",
                  publisher_en="Zhoushan CDI", source_id="zs-2020-apptest")
    assert not at.exception and not at.error
    assert at.success[0].value == t("add.valid", "en", n=3)
    buttons = at.get("download_button")
    assert len(buttons) == 3 and not any(b.proto.disabled for b in buttons)
    invalid = _extract(open_page("add", lang="English"))  # the source not filled: no package to download
    assert [b.proto.disabled for b in invalid.get("download_button")] == [False, False, True]


def test_each_session_keeps_its_own_work(open_page):
    first = _extract(open_page("add"))
    second = open_page("add")
    assert "add_rows" in first.session_state and "add_rows" not in second.session_state
    assert [i.value for i in second.info] == [t("add.nothing_yet", "zh")]
