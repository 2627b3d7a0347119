"""The database store: the same answers as the package in memory, parameters only, versions, outages."""
import pandas as pd
import pytest

from dashboard.kernel import settings
from dashboard.publish import publish
from dashboard.reading import sections
from dashboard.storing import database, serving
from dashboard.storing.package import read_package
from tests.conftest import PACKAGE, bundled

DATA = bundled()
DATABASES = ["duckdb", "postgresql"]
HOSTILE = ["330900' OR '1'='1", "330900); DROP TABLE facts; --", "%", "'", "\\"]


def from_store(setting: str, monkeypatch):
    monkeypatch.setenv(settings.STORE_ENV, setting)
    database._current_schema.clear()
    return serving.dataset_and_problems()[0]


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    dates = {"period_start": "datetime64[ns]", "period_end": "datetime64[ns]"}  # DuckDB reads seconds, pandas µs
    frame = frame.astype({c: dates.get(c, str) for c in frame.columns if c != "value"})
    return frame.sort_values("fact_id").reset_index(drop=True)


@pytest.mark.parametrize("kind", DATABASES)
def test_a_database_answers_the_five_questions_as_the_package_does(kind, stores, monkeypatch):
    ds = from_store(stores[kind], monkeypatch)
    memory = DATA.store
    assert ds.store.count() == memory.count() == len(DATA.facts)
    for column in ("region", "indicator", "sector", "source"):
        assert sorted(ds.store.values(column)) == sorted(memory.values(column))
    for region in [*memory.values("region"), "no-such-code"]:
        assert by_id(ds.store.rows(regions=[region])).equals(by_id(memory.rows(regions=[region]))), region
    pick = dict(regions=["330900", "330902"], indicators=["cases_filed", "supervision_offices"])
    assert by_id(ds.store.rows(**pick)).equals(by_id(memory.rows(**pick)))
    assert by_id(ds.store.by_id(DATA.facts["fact_id"].iloc[3])).equals(by_id(memory.by_id(DATA.facts["fact_id"].iloc[3])))
    key = ["indicator", "region"]
    assert ds.store.counts().sort_values(key).reset_index(drop=True).equals(
        memory.counts().sort_values(key).reset_index(drop=True))
    for table in ("events", "indicators", "regions", "sectors", "sources"):
        pd.testing.assert_frame_equal(getattr(ds, table), getattr(DATA, table), check_dtype=False, obj=table)


@pytest.mark.parametrize("kind", DATABASES)
def test_areas_held_from_an_earlier_question_answer_as_a_fresh_query_would(kind, stores, monkeypatch):
    ds = from_store(stores[kind], monkeypatch)
    memory = DATA.store
    ds.store.rows(regions=["330902"])  # held now; the next question mixes it with areas not held yet
    for pick in (dict(regions=["330900", "330902", "no-such-code"]), dict(regions=["330902"], in_sectors=True),
                 dict(regions=["330902", "330900"], indicators=["cases_filed", "supervision_offices"])):
        assert by_id(ds.store.rows(**pick)).equals(by_id(memory.rows(**pick))), pick
    changed = ds.store.rows(regions=["330902"])
    changed["value"] = -1.0  # a caller's change never reaches the next caller
    assert (ds.store.rows(regions=["330902"])["value"] >= 0).all()


@pytest.mark.parametrize("kind", DATABASES)
def test_every_figure_record_and_section_is_the_same_on_a_database(kind, stores, monkeypatch):
    ds = from_store(stores[kind], monkeypatch)
    # Every figure in Chinese; in English one figure of each indicator (the language layer reads the same row:
    # every row's every column is compared above, area by area), which halves this test's 20 s of CPU.
    in_english = set(DATA.facts.drop_duplicates("indicator")["fact_id"])
    for lang in ("zh", "en"):
        for fact_id in DATA.facts["fact_id"]:
            if lang == "zh" or fact_id in in_english:
                assert sections.figure_record(ds, fact_id, lang) == sections.figure_record(DATA, fact_id, lang), fact_id
        # Every district in Chinese on PostgreSQL; the city and a county otherwise (the language layer reads
        # the same rows, and both databases' rows are compared district by district above).
        every = lang == "zh" and kind == "postgresql"
        for region in DATA.store.values("region") if every else ["330900", "330902"]:
            for section in (sections.headlines, sections.funnel, sections.eight_point, sections.before_after,
                            sections.sector_matrix, sections.sector_details, sections.coverage, sections.previews):
                assert section(ds, region, lang) == section(DATA, region, lang), (section.__name__, region)


@pytest.mark.parametrize("kind", DATABASES)
def test_text_from_a_link_is_only_ever_a_parameter(kind, stores, monkeypatch):
    ds = from_store(stores[kind], monkeypatch)
    for hostile in HOSTILE:
        assert ds.store.rows(regions=[hostile]).empty and ds.store.by_id(hostile).empty
        assert ds.store.rows(indicators=[hostile]).empty and ds.store.counts(regions=[hostile]).empty
    assert ds.store.count() == len(DATA.facts)  # nothing was dropped either
    with pytest.raises(ValueError):
        ds.store.values("region FROM x; --")


def test_a_new_version_is_read_when_the_current_one_is_asked_again_and_an_open_one_still_answers(
        tmp_path, monkeypatch):
    setting = f"duckdb:///{tmp_path / 'q.duckdb'}"
    publish(PACKAGE, setting)
    first = from_store(setting, monkeypatch)
    database.release(setting)  # DuckDB lets one process write: let the publisher in
    publish(PACKAGE, setting)
    assert from_store(setting, monkeypatch).version != first.version
    assert first.store.count() == len(DATA.facts)  # a page begun on the older version finishes on it
    assert database.VERSION_TTL <= 30  # so every replica reads a new version within a minute


def test_a_database_that_stops_answering_keeps_the_last_version_and_says_so(tmp_path, monkeypatch):
    setting = f"duckdb:///{tmp_path / 'gone.duckdb'}"
    publish(PACKAGE, setting)
    served = from_store(setting, monkeypatch)
    assert serving.available()
    database.release(setting)
    (tmp_path / "gone.duckdb").rename(tmp_path / "moved.duckdb")
    database._current_schema.clear()
    assert not serving.available()
    assert serving.dataset_and_problems()[0] is served  # cached sections keep serving
    with pytest.raises(serving.StoreUnavailable):
        served.store.rows(regions=["330902"])  # what is not cached: the page says 'temporarily unavailable'


def test_a_database_without_a_published_version_is_said_plainly(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.STORE_ENV, f"duckdb:///{tmp_path / 'empty.duckdb'}")
    import duckdb

    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    with pytest.raises(serving.StoreUnavailable, match="no version|qinglian_meta"):
        serving.dataset_and_problems()


def test_the_package_store_loads_no_database_driver():
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys; from dashboard.storing import serving; serving.dataset_and_problems(); "
            "print(sorted(m for m in ('duckdb', 'psycopg', 'sqlalchemy') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"  # ~65 MB a replica that reads the package never needs


def test_a_postgresql_replica_loads_no_duckdb(stores):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys; from dashboard.storing import serving; ds = serving.dataset_and_problems()[0]; "
            "ds.store.rows(regions=['330902']); print('duckdb' in sys.modules, 'psycopg' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**os.environ, settings.STORE_ENV: stores["postgresql"]})
    assert shown.stdout.split() == ["False", "True"]  # DuckDB's library: 13 MB on import, 39 MB once it runs (#32)


@pytest.mark.parametrize("kind", DATABASES)
def test_the_zip_download_is_the_version_being_served_and_passes_the_loaders_checks(kind, stores, monkeypatch, tmp_path):
    import io
    import zipfile

    ds = from_store(stores[kind], monkeypatch)
    zipfile.ZipFile(io.BytesIO(serving.served_zip(ds))).extractall(tmp_path)
    unpacked = read_package(tmp_path / "qinglian-data" / "datapackage.json")  # raises on any problem
    assert by_id(unpacked.facts).equals(by_id(DATA.facts))  # the same figures, 921 written as 921
    for table in ("events", "indicators", "regions", "sectors", "sources"):
        pd.testing.assert_frame_equal(getattr(unpacked, table), getattr(DATA, table), check_dtype=False, obj=table)


def test_reading_a_version_freezes_what_lives_as_long_as_the_process(stores, monkeypatch):
    import gc

    gc.unfreeze()
    database._schema_dataset.clear()
    try:
        from_store(stores["duckdb"], monkeypatch)
        # as the package store does: the collector's full passes skip the libraries and the version (#32)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
