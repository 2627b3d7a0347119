"""/add in AppTest: extract, review (least certain rows first, accept boxes, why by field), the check
names what is missing, only accepted rows go on, and each session keeps its own work."""
from datetime import date

import pytest

from dashboard.kernel.i18n import t

# The area and the period named in the figures' sentence: the extractor is sure (`high`) of all three.
BULLETIN = "舟山市纪委监委\n舟山市2019年,全市纪检监察机关共处置问题线索1024件,立案312件,处分287人。"
# Sure of one row (定海区, 2019年 in its sentence), less of three (the area from the heading), unsure of one.
MIXED = ("舟山市纪委监委\n2019年,全市纪检监察机关共处置问题线索1024件,立案312件,处分287人。开展专项检查37次。发现问题线索19个,涉及26人。"
         "定海区2019年立案58件。")


def _extract(at, text: str = BULLETIN, accept: bool = True, **source):
    """Extract `text`; with `accept`, press "accept all high-confidence rows" as a reviewer would."""
    at.text_area(key="add_text").set_value(text)
    at.date_input(key="add_date").set_value(date(2020, 1, 20))
    for key, value in source.items():
        at.text_input(key=f"add_{key}").set_value(value)
    at.run()
    at = at.button(key="add_go").click().run()
    if accept and not at.button(key="add_accept_high").disabled:
        at = at.button(key="add_accept_high").click().run()
    return at


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
    assert at.error[0].value == t("add.invalid", "en", n=2)
    problems = at.dataframe[-1].value  # the English words are optional: only the source's own are asked for
    assert {column.rsplit("(", 1)[-1].rstrip(")") for column in problems.iloc[:, 1]} == {"title", "publisher"}


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


def test_without_english_words_the_rows_pass_and_the_package_downloads_with_the_translations_marked_missing(open_page):
    at = _extract(open_page("add", lang="English"), title="测试", publisher="舟山市纪委监委", source_id="zs-2020-apptest")
    assert not at.exception and not at.error
    assert at.success[0].value == t("add.valid", "en", n=3)
    assert not any(b.proto.disabled for b in at.get("download_button"))  # the zip too
    said = " ".join(i.value for i in at.info)
    assert t("add.title_en", "en") in said and t("add.publisher_en", "en") in said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_blank_area_reads_as_words_never_none_and_is_saved_blank(lang, open_page, dataset):
    from dashboard.adding.review import choice_labels, fact_rows

    at = _extract(open_page("add", lang="English" if lang == "en" else "中文"), "2019年,共立案312件,处分287人。")
    assert at.selectbox(key="add_region").options[0] not in ("", "None")
    shown = at.dataframe[0].value
    names = choice_labels(dataset, lang)
    # An empty cell is drawn as a grey 'None' by the grid: a blank area is a choice named in words.
    assert [names["region"][code] for code in shown["region"]] == [t("add.no_region", lang)] * 2
    assert names["sector"][shown["sector"].iloc[0]] == t("add.no_sector", lang)
    assert set(fact_rows(shown)["region"]) == {""} and set(fact_rows(shown)["sector"]) == {""}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_why_says_what_decided_each_field_in_the_pages_language(lang, open_page):
    text = BULLETIN + "2019年1—11月份,定海区立案300余件。"
    at = _extract(open_page("add", lang="English" if lang == "en" else "中文"), text)
    shown = at.dataframe[0].value["why"].tolist()
    assert len(shown) == 4
    for why in shown:
        assert "{n}" not in why and "phrase" not in why and "{" not in why
    assert shown[-1] == (
        "指标：说法“立案…件”→立案数；地区：文中的“定海区”；时期：“2019年1—11月份”；"
        "原文限定：“300余件”读作多于(多、余、超过)；单位：说法“立案…件”；数值：“300余件”"
        if lang == "zh" else
        "Indicator: the wording “立案…件” → Cases filed; Area: “定海区” in the text; Period: “2019年1—11月份”; "
        "As qualified: “300余件” read as more than; Unit: the wording “立案…件”; Value: “300余件”")
    by_field = at.dataframe[1].value  # the same, one line per cell, in the table's order
    separator, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
    assert by_field.iloc[-1].tolist() == [4, "立案300余件", *(part.split(colon, 1)[1] for part in shown[-1].split(separator))]
    assert by_field[t("col.region", lang)].iloc[-1] == t("whyf.area_named", lang, name="定海区")


def test_uncertain_rows_come_first_and_keep_the_texts_order_within_each(open_page):
    at = _extract(open_page("add", lang="English"), MIXED, accept=False)
    shown = at.dataframe[0].value
    assert shown[["confidence", "value"]].values.tolist() == [
        ["low", "19"], ["medium", "1024"], ["medium", "312"], ["medium", "287"], ["medium", "37"], ["medium", "26"],
        ["high", "58"]]
    assert not shown["accept"].any()  # nothing is accepted until the reviewer says so
    assert t("add.none_accepted", "en") in [i.value for i in at.info]
    assert [b.proto.disabled for b in at.get("download_button")] == [False, False, True]


def test_the_button_ticks_every_high_row_and_only_accepted_rows_are_checked_and_kept(open_page):
    at = _extract(open_page("add", lang="English"), MIXED, accept=False, title="测试", publisher="舟山市纪委监委",
                  source_id="zs-2020-apptest")
    assert at.button(key="add_accept_high").label == t("add.accept_high", "en", n=1)
    at = at.button(key="add_accept_high").click().run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert shown.loc[shown["accept"], "value"].tolist() == ["58"]  # the high row only; the others stay unticked
    assert at.success[0].value == t("add.valid", "en", n=1)  # only the accepted row is checked ...
    preview = " ".join(h.proto.body for h in at.get("html"))
    assert preview.count('class="qc-card"') == 1 and '<p class="qc-value">58 cases</p>' in preview  # ... and kept
    assert t("add.accepted", "en", n=1, total=7) in [c.value for c in at.caption]


def test_a_reviewers_own_ticks_are_kept_and_add_to_the_high_ones(open_page):
    from dashboard.adding.review import accepted

    at = _extract(open_page("add", lang="English"), MIXED, accept=False, title="测试", publisher="舟山市纪委监委",
                  source_id="zs-2020-apptest")
    # AppTest cannot click in the grid: the reviewer's tick on the 312 row is set where the page keeps the table.
    fingerprint, table, version = at.session_state["add_review"]
    at.session_state["add_review"] = (fingerprint, table.assign(accept=table["value"] == "312"), version + 1)
    at = at.run()
    assert at.success[0].value == t("add.valid", "en", n=1)
    at = at.button(key="add_accept_high").click().run()
    assert accepted(at.dataframe[0].value)["value"].tolist() == ["312", "58"]
    assert at.success[0].value == t("add.valid", "en", n=2)


def test_the_checked_rows_are_previewed_as_the_dashboards_cards(open_page):
    at = _extract(open_page("add", lang="English"), title="测试", publisher="舟山市纪委监委", source_id="zs-2020-apptest")
    preview = " ".join(h.proto.body for h in at.get("html"))
    assert preview.count('class="qc-card"') == 3
    for value in ("1,024 cases", "312 cases", "287 people"):
        assert f'<p class="qc-value">{value}</p>' in preview
    assert "2019 · Source: 舟山市纪委监委 (no English name yet / 暂无英文名)" in preview


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_checks_findings_read_in_the_pages_language(lang, open_page):
    at = _extract(open_page("add", lang="English" if lang == "en" else "中文"))
    assert not at.exception
    said = at.dataframe[-1].value.iloc[:, 2].tolist()  # the source's title and publisher are missing
    assert len(said) == 2
    if lang == "zh":
        assert all(m.startswith("应为一个值(此列必填);实际为") and "expected" not in m for m in said), said
    else:
        assert all(m.startswith("expected a value (the column is required); found") for m in said), said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_areas_outside_the_package_are_listed_in_their_own_block_to_accept(lang, open_page):
    """#26: a bulletin of 西湖区 gets its code; 杭州市 and 西湖区 are proposed as new regions, unticked, and
    the rows naming them do not pass until they are accepted."""
    at = _extract(open_page("add", lang="English" if lang == "en" else "中文"), "杭州市纪委监委\n2019年,西湖区立案312件。",
                  title="测试", publisher="杭州市纪委监委", source_id="hz-2020-apptest")
    assert not at.exception
    assert at.session_state["add_rows"]["region"].tolist() == ["330106"]
    assert t("add.new_areas", lang) in [h.value for h in at.header]
    areas = at.session_state["add_areas"]
    assert areas[["code", "name_zh", "accept"]].values.tolist() == [["330100", "杭州市", False], ["330106", "西湖区", False]]
    assert at.error[0].value == t("add.invalid", lang, n=1)  # the row's area is not yet in the package


def test_a_bulletin_of_the_packages_own_areas_shows_no_new_areas_block(open_page):
    at = _extract(open_page("add", lang="English"))
    assert t("add.new_areas", "en") not in [h.value for h in at.header]
