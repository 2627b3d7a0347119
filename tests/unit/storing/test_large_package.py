"""The vectorised checks used for large packages locate every fault as precisely as Frictionless."""
import pandas as pd
import pyarrow as pa
import pytest

import dashboard.storing.large_package as storage
from dashboard.kernel.problems import DataPackageError
from dashboard.storing.frame_facts import FrameFacts
from dashboard.storing.package import CATEGORY_COLUMNS, read_package
from dashboard.storing.queries import COVERAGE_CELLS, coverage_counts
from tests.broken import FAULTS, copy_package


def synthetic_regions() -> pd.DataFrame:
    """SYNTHETIC, made here: a country, 31 provinces, a city in each and two counties in each city."""
    rows = [("100000", "全国", "China", "country", "")]
    for number in [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                   53, 54, 61, 62, 63, 64, 65]:
        province, city = f"{number}0000", f"{number}0100"
        rows += [(province, f"省{number}", f"Province {number}", "province", "100000"),
                 (city, f"市{number}", f"City {number}", "city", province)]
        rows += [(f"{number}01{county:02d}", f"县{number}{county}", f"County {number}-{county}", "county", city)
                 for county in (1, 2, 5)]
    rows.append(("330902", "定海区", "Dinghai", "county", "330100"))  # a code the tests name, under a city
    return pd.DataFrame(rows, columns=["code", "name_zh", "name_en", "level", "parent"])


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_large_package_checks_name_file_row_and_column(tmp_path, monkeypatch, fault):
    monkeypatch.setattr(storage, "LARGE_BYTES", 0)  # treat the bundled copy as a national-scale package
    breaker, (file, row, column), words = FAULTS[fault]
    folder = copy_package(tmp_path)
    breaker(folder)
    with pytest.raises(DataPackageError) as raised:
        read_package(folder / "datapackage.json")
    located = [p for p in raised.value.problems if (p.file, p.row, p.column) == (file, row, column)]
    assert located, [str(p) for p in raised.value.problems]
    assert any(words in str(p) for p in located), [str(p) for p in located]


def test_large_and_small_readers_serve_the_same_tables(tmp_path, monkeypatch, dataset):
    folder = copy_package(tmp_path)
    monkeypatch.setattr(storage, "LARGE_BYTES", 0)
    large = read_package(folder / "datapackage.json")
    for name in ("facts", "events", "indicators", "regions", "sectors", "sources"):
        assert getattr(large, name).equals(getattr(dataset, name)), name


def test_text_columns_are_served_in_one_chunk_and_key_columns_as_categories(dataset):
    # The CSV reader leaves a big file's text columns in many chunks, which makes every row selection slow.
    arrow_text = pd.StringDtype("pyarrow", na_value=float("nan"))  # as the large reader makes them
    chunked = pd.Series(pd.array(pa.chunked_array([["a", "b"], ["c"]]), dtype=arrow_text))
    joined = storage._one_chunk(chunked)
    assert pa.array(chunked).num_chunks == 2
    assert getattr(pa.array(joined), "num_chunks", 1) == 1 and joined.tolist() == ["a", "b", "c"]
    assert all(isinstance(dataset.facts[column].dtype, pd.CategoricalDtype) for column in CATEGORY_COLUMNS)
    assert dataset.facts["fact_id"].dtype == "str" and dataset.facts["locator"].dtype == "str"


def test_national_coverage_counts_every_fact_under_each_shown_region(dataset):
    regions = synthetic_regions()  # SYNTHETIC, with hand-made facts in three provinces
    facts = pd.DataFrame({"fact_id": ["a", "b", "c", "d"], "indicator": ["clues_handled"] * 3 + ["cases_filed"],
                          "region": ["110101", "110102", "330902", "440105"], "source": ["s"] * 4})
    ds = dataset.with_tables(regions=regions, store=FrameFacts(facts))
    assert len(ds.indicators) * len(regions) > COVERAGE_CELLS  # the national branch

    counts, _, shown = coverage_counts(ds, "100000")
    assert shown["code"].iloc[0] == "100000" and len(shown) == 32  # the country and its 31 provinces
    assert counts.at["clues_handled", "110000"] == 2 and counts.at["clues_handled", "330000"] == 1
    assert counts.at["cases_filed", "440000"] == 1 and counts.to_numpy().sum() == 4

    counts, _, shown = coverage_counts(ds, "110101")  # a county: shown beside its siblings, under its city
    assert "110101" in set(shown["code"]) and counts.to_numpy().sum() == 2
