"""The reader's words and tables made from data: the data page's table and its CSV."""
import io

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
