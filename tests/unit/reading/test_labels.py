"""The reader's words and tables made from data: the data page's table and its CSV."""
import io
import re

import pandas as pd

from dashboard.reading import sections
from dashboard.reading.labels import CSV_COLUMNS, table_csv


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
