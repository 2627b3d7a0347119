"""The reader's words and tables made from data: the data page's table and its CSV."""
import io
import re

import pandas as pd
import pytest

from dashboard.reading import sections
from dashboard.reading.labels import CSV_COLUMNS, sources_table, table_csv, table_years


def test_the_csv_opens_in_excel_as_utf8_and_carries_codes_and_iso_dates(dataset):
    table = sections.area_table(dataset, "330902", "zh")
    data = table_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel on a Chinese Windows needs
    read = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert list(read.columns) == list(CSV_COLUMNS)
    assert {"period_start", "period_end", "indicator_id", "region_code"} <= set(read.columns)
    assert set(read["region_code"]) == {"330902"} and set(read["region"]) == {"定海区"}
    assert read["period_start"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert read["period_end"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_a_source_without_english_words_reads_in_english_as_its_chinese_marked_untranslated(dataset):
    from dashboard.reading.labels import citations, facts_table, source_line, source_rows, sources_table
    from dashboard.storing.queries import source_record

    seed = dataset.facts["source"].iloc[0]
    blank = dataset.sources.assign(**{column: dataset.sources[column].where(dataset.sources["id"] != seed, "")
                                      for column in ("title_en", "publisher_en")})
    ds = dataset.with_tables(sources=blank)
    source = source_record(ds, seed)
    publisher = f"{source['publisher']} (no English name yet / 暂无英文名)"
    assert source_line(ds, ds.facts[ds.facts["source"] == seed], "en").startswith(publisher)
    table = sources_table(ds, "en").set_index(blank["id"])
    assert table.at[seed, "publisher"] == publisher
    assert table.at[seed, "title"] == f"{source['title']} (no English title yet / 暂无英文标题)"
    rows = dict(source_rows(source, "en"))
    assert "(no English name yet / 暂无英文名)" in rows["Publisher"] and "no English title yet" in rows["Title"]
    zh, en = citations(source)
    assert en.startswith(f"{publisher}. ") and "[; our translation]" not in en
    shown = facts_table(ds, [ds.facts.loc[ds.facts["source"] == seed, "region"].iloc[0]], "en")
    assert publisher in set(shown["source"])
    for text in (*rows.values(), en, *table.loc[seed]):
        assert not re.search(r"\b(None|nan|NaN)\b", str(text))


# ---- #30: every note reads in the page's language ----

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Where the English may keep a Chinese term: in brackets or quotes, after its English rendering.
KEPT = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)|\[[^\]]*\]|“[^”]*”|「[^」]*」|《[^》]*》|(?<![A-Za-z])'[^']*'(?![A-Za-z])")


def _chinese_outside_brackets(text: str) -> str:
    return "".join(HAN.findall(KEPT.sub("", text)))


def test_every_note_shows_in_the_pages_language_english_with_chinese_only_in_brackets_or_quotes(dataset):
    """Each fact's and source's note as the pages show it (the data page's tables, the figure page's
    details): on an English page no Chinese outside brackets or quotes, on a Chinese page the Chinese."""
    regions = dataset.regions["code"]
    tables = {lang: sections.facts_table(dataset, regions, lang).set_index("fact_id") for lang in ("zh", "en")}
    notes = dataset.facts.set_index("fact_id")["note"]
    assert len(tables["en"]) == len(notes) and notes.ne("").sum() > 100
    for fact_id, note in notes.items():
        shown = {lang: tables[lang].at[fact_id, "note"] for lang in ("zh", "en")}
        details = {lang: dict(sections.figure_record(dataset, fact_id, lang).details) for lang in ("zh", "en")}
        assert details["zh"].get("说明", "") == shown["zh"] and details["en"].get("Note (our translation)", "") == shown["en"]
        if not note:
            assert shown == {"zh": "", "en": ""}
            continue
        assert not _chinese_outside_brackets(shown["en"]), f"{fact_id}: {shown['en']}"
        assert HAN.search(shown["zh"]) and " / " not in shown["zh"], f"{fact_id}: {shown['zh']}"
        assert shown["en"] != shown["zh"] and re.search("[A-Za-z]", shown["en"])
    for lang_notes in [sources_table(dataset, "en")["note"]]:
        for note in lang_notes:
            assert not _chinese_outside_brackets(note), note
    for note, zh in zip(dataset.sources["note"], sources_table(dataset, "zh")["note"]):
        assert not note or (HAN.search(zh) and " / " not in zh), zh


def test_a_period_phrase_keeps_its_chinese_in_brackets_on_the_english_page(dataset):
    table = sections.facts_table(dataset, ["330900"], "en").set_index("fact_id")
    assert table.at["cases-filed-330900-2018-01-01-2018-11-30", "note"].startswith("January–November this year (今年1—11月份)")
    zh = sections.facts_table(dataset, ["330900"], "zh").set_index("fact_id")
    assert zh.at["cases-filed-330900-2018-01-01-2018-11-30", "note"] == "今年1—11月份,全市纪检监察机关。"


def test_in_language_splits_on_the_first_slash_after_chinese_and_leaves_other_notes_as_written():
    from dashboard.reading.labels import in_language

    note = "截至报道日。4个县(区) / As of report date. The 4 counties/districts; '市本级和新城' / '市本级'."
    assert in_language(note, "zh") == "截至报道日。4个县(区)"
    assert in_language(note, "en") == "As of report date. The 4 counties/districts; '市本级和新城' / '市本级'."
    assert in_language("2015年 / 2015 provincial inspection", "en") == "2015 provincial inspection"
    assert in_language("Month 2018-07.", "zh") == in_language("Month 2018-07.", "en") == "Month 2018-07."
    assert in_language("", "en") == ""


def test_a_topic_with_one_figure_says_one_indicator(dataset):
    from dashboard.reading import sections
    from dashboard.reading.labels import headline_groups
    from dashboard.reading.url_state import View
    from dashboard.reading.urls import RELATIVE

    groups = headline_groups(sections.headlines(dataset, "330902", "en"), View("en", "330902"), RELATIVE)
    assert [count for _, count, *_ in groups] == ["5 indicators", "1 indicator"]


def test_an_area_without_figures_has_no_years_even_when_its_empty_table_is_untyped():
    # A database store hands back an empty area's table with float columns: /data crashed on it (#32's 1,000 views).
    untyped = pd.DataFrame({"period_start": pd.Series(dtype=float), "period_end": pd.Series(dtype=float)})
    assert table_years(untyped) == []
    typed = pd.DataFrame({"period_start": ["2018-01-01", "2020-03-01"], "period_end": ["2019-12-31", "2020-03-31"]})
    assert table_years(typed) == [2020, 2019, 2018]


def test_a_reprint_names_its_original_beside_the_page_read_and_in_both_citations():
    from dashboard.reading.labels import citations, original_said, source_rows

    reprint = {"id": "r", "title": "页面标题", "title_en": "", "publisher": "某大学纪委网站", "publisher_en": "",
               "date": "2020-04-26", "url": "https://example.edu/p.htm", "original_publisher": "中央纪委国家监委",
               "original_title": "通报", "original_date": "2020-04-25", "original_url": ""}
    assert original_said(reprint) == "中央纪委国家监委《通报》, 2020-04-25"
    assert ("原发布者(本页所读为转载或报道)", "中央纪委国家监委《通报》, 2020-04-25") in source_rows(reprint, "zh")
    zh, en = citations(reprint)
    assert "某大学纪委网站" in zh and "原载: 中央纪委国家监委《通报》" in zh and "Originally published by: 中央纪委国家监委" in en
    assert original_said(reprint | {"original_publisher": ""}) == ""  # an original names nothing more


def test_a_chart_read_from_many_sources_names_two_and_counts_the_rest(dataset):
    from dashboard.reading.labels import SOURCES_NAMED, source_line
    facts = dataset.store.rows(regions=["100000"])
    used = facts["source"].unique()
    assert len(used) > SOURCES_NAMED, "the bundled national series is read from many sources"
    assert source_line(dataset, facts, "zh").endswith(f"等{len(used)}个出处(见「出处与原文」)")
    english = source_line(dataset, facts, "en")
    assert english.endswith(f" and {len(used) - SOURCES_NAMED + 1} more (see “Sources and quotes”)")
    publisher = lambda source: dataset.sources.set_index("id").at[source, "publisher_en"]  # noqa: E731
    assert all(publisher(source) in english for source in used[:SOURCES_NAMED - 1])
    assert len(re.findall(r"\(\d{4}-\d{2}-\d{2}\)", english)) == SOURCES_NAMED - 1  # two named with their dates
    few = source_line(dataset, facts[facts["source"].isin(used[:SOURCES_NAMED])], "en")
    assert "more" not in few and all(publisher(source) in few for source in used[:SOURCES_NAMED])
