"""Changes on the record in DuckDB and a real PostgreSQL: each a new version schema with its change record
in qinglian_meta, all or nothing; publishers wait for each other; the roles keep the record append-only."""
import itertools
import json
import subprocess
import sys
import threading

import duckdb
import pandas as pd
import psycopg
import pytest

from dashboard.kernel.problems import DataPackageError, PublishError
from dashboard.kernel.schema import TABLES
from dashboard.publish import current_version, publish
from dashboard.storing import changes, versions
from tests.conftest import PACKAGE, ROOT, fresh_database

ROLES = ROOT / "deploy" / "postgres" / "roles.sql"
FACTS = pd.read_csv(PACKAGE.parent / "facts.csv", dtype=str, keep_default_na=False)


YEARS = itertools.count(1900)  # a new period per synthetic row: never the same figure twice


@pytest.fixture
def server(postgres_server):
    return postgres_server  # the process's one PostgreSQL; each test takes a fresh database of it


def rows(url: str, sql: str) -> list[tuple]:
    if url.startswith("duckdb:"):
        with duckdb.connect(url.removeprefix("duckdb:///")) as connection:
            return connection.execute(sql).fetchall()
    with psycopg.connect(url) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture(params=["duckdb", "postgresql"])
def url(request, tmp_path) -> str:
    """A database of each engine with the bundled package published as version 1."""
    if request.param == "duckdb":
        url = f"duckdb:///{tmp_path / 'qinglian.duckdb'}"
    else:
        server = request.getfixturevalue("server")
        url = server.url(db=fresh_database(server))
    publish(PACKAGE, url)
    return url


def new_rows(*ids: str) -> pd.DataFrame:
    """Synthetic rows (an existing fact's cells, a new id and a period its indicator has no figure for)."""
    frame = pd.concat([FACTS.iloc[[0]]] * len(ids), ignore_index=True)
    frame["fact_id"] = list(ids)
    frame["period_start"] = frame["period_end"] = [f"{next(YEARS)}-01-01" for _ in ids]
    frame["value"] = "99"
    return frame


def test_the_command_records_its_publish_as_version_one(url):
    log = changes.change_log(url)
    assert log[["version", "action", "added", "corrected", "withdrawn"]].values.tolist() == [[1, "publish", len(FACTS), 0, 0]]
    assert log["editor"].iloc[0].startswith("cli:")
    assert changes.history(url, FACTS["fact_id"].iloc[0]).empty  # the first version: counted, no revision per fact


def test_publishing_the_same_package_again_records_no_figure_changed(url):
    publish(PACKAGE, url)
    assert changes.change_log(url)[["version", "added", "corrected", "withdrawn"]].values.tolist()[0] == [2, 0, 0, 0]


def test_each_change_is_a_new_version_the_reader_serves(url):
    fact_id = FACTS["fact_id"].iloc[3]
    assert changes.publish(url, new_rows("test-db-added"), None, "alice", "one row").version == 2
    assert changes.correct(url, fact_id, {"value": "4321"}, "bob", "typo").version == 3
    assert changes.withdraw(url, FACTS["fact_id"].iloc[5], "bob", "double-counted").version == 4
    assert current_version(url) == 4
    assert rows(url, "SELECT value FROM qinglian_v4.facts WHERE fact_id = 'test-db-added'") == [(99.0,)]
    assert rows(url, f"SELECT value FROM qinglian_v4.facts WHERE fact_id = '{fact_id}'") == [(4321.0,)]
    assert rows(url, f"SELECT count(*) FROM qinglian_v4.facts WHERE fact_id = '{FACTS['fact_id'].iloc[5]}'") == [(0,)]
    assert rows(url, "SELECT count(*) FROM qinglian_v4.facts") == [(len(FACTS),)]  # one in, one out
    history = changes.history(url, fact_id)
    assert history[["version", "action", "field", "old_value", "new_value", "reason"]].values.tolist() == [
        [3, "corrected", "value", FACTS["value"].iloc[3], "4321", "typo"]]
    assert changes.change_log(url)["action"].tolist() == ["withdraw", "correct", "publish", "publish"]


def test_a_rollback_restores_the_earlier_figures_and_keeps_the_record(url):
    changes.correct(url, FACTS["fact_id"].iloc[3], {"value": "4321"}, "bob", "v2")
    changes.withdraw(url, FACTS["fact_id"].iloc[5], "bob", "v3")
    done = subprocess.run([sys.executable, "-m", "dashboard.publish", "--rollback", "1", "--to", url],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "version 4 makes version 1's facts current again" in done.stdout
    stored = {fact_id: value for fact_id, value in rows(url, "SELECT fact_id, value FROM qinglian_v4.facts")}
    assert stored == {f: float(v) for f, v in zip(FACTS["fact_id"], FACTS["value"])}
    last = changes.change_log(url).iloc[0]
    assert (last["version"], last["action"], last["rolled_back_to"], last["editor"][:4]) == (4, "rollback", 1, "cli:")
    assert changes.history(url, FACTS["fact_id"].iloc[5])["action"].tolist() == ["withdrawn", "restored"]


def test_a_bad_change_is_refused_and_nothing_is_written(url):
    rows_before = rows(url, "SELECT count(*) FROM qinglian_meta.changes")
    bad = new_rows("test-db-bad")
    bad["region"] = "999999"
    with pytest.raises(DataPackageError, match=r"facts\.csv, row \d+, column 'region'"):
        changes.publish(url, bad, None, "alice", "")
    with pytest.raises(PublishError, match="no figure 'nope'"):
        changes.withdraw(url, "nope", "bob", "why")
    assert current_version(url) == 1 and rows(url, "SELECT count(*) FROM qinglian_meta.changes") == rows_before


def test_the_reader_sees_the_change_record_with_the_version(url, monkeypatch):
    from dashboard.kernel import settings
    from dashboard.storing import database, serving

    changes.withdraw(url, FACTS["fact_id"].iloc[2], "bob", "wrong district")
    monkeypatch.setenv(settings.STORE_ENV, url)
    database._current_schema.clear()
    ds = serving.dataset_and_problems()[0]
    assert ds.changes["version"].tolist() == [2, 1] and ds.revisions["action"].tolist() == ["withdrawn"]
    assert json.loads(ds.revisions["old_value"].iloc[0])["fact_id"] == FACTS["fact_id"].iloc[2]
    archive = serving.served_zip(ds)
    database.release(url)
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert "withdrawn" in opened.read("qinglian-data/revisions.csv").decode()
        assert opened.read("qinglian-data/changes.csv").decode().count("\n") == 3  # header and two versions


def test_a_change_that_fails_halfway_leaves_the_old_version_and_no_record(server, monkeypatch):
    url = server.url(db=fresh_database(server))
    publish(PACKAGE, url)
    real, loaded = versions.Postgres.load, []

    def load_then_fail(self, schema, table, progress):
        loaded.append(table.name)
        if table.name == TABLES[2]:
            raise OSError("disk full (simulated)")
        return real(self, schema, table, progress)

    monkeypatch.setattr(versions.Postgres, "load", load_then_fail)
    with pytest.raises(PublishError, match=r"the current version is unchanged: disk full \(simulated\)"):
        changes.publish(url, new_rows("test-db-half"), None, "alice", "")
    assert loaded == list(TABLES[:3])
    assert current_version(url) == 1 and rows(url, "SELECT count(*) FROM qinglian_meta.changes") == [(1,)]
    assert rows(url, "SELECT count(*) FROM qinglian_meta.revisions") == [(0,)]


def test_a_killed_connection_leaves_the_old_version_and_no_record(server, monkeypatch):
    url = server.url(db=fresh_database(server))
    publish(PACKAGE, url)
    real = versions.Postgres.load

    def load_then_lose_the_connection(self, schema, table, progress):
        if table.name == TABLES[2]:
            server.execute(f"SELECT pg_terminate_backend({self.connection.info.backend_pid})")
        return real(self, schema, table, progress)

    monkeypatch.setattr(versions.Postgres, "load", load_then_lose_the_connection)
    with pytest.raises(PublishError, match="the current version is unchanged"):
        changes.correct(url, FACTS["fact_id"].iloc[1], {"value": "5"}, "bob", "typo")
    assert current_version(url) == 1 and rows(url, "SELECT count(*) FROM qinglian_meta.changes") == [(1,)]


def _two_editors_publish_at_once(url: str) -> list[Exception]:
    """Two editors publish a new row each into `url`, released at the same instant: what either raised."""
    ready, errors = threading.Barrier(2), []

    def publish_one(fact_id):
        ready.wait()
        try:
            changes.publish(url, new_rows(fact_id), None, f"editor-{fact_id}", "")
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    threads = [threading.Thread(target=publish_one, args=(f"test-race-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_editors_publishing_at_once_both_land(server):
    url = server.url(db=fresh_database(server))
    publish(PACKAGE, url)
    errors = _two_editors_publish_at_once(url)
    assert not errors
    assert current_version(url) == 3
    assert rows(url, "SELECT fact_id FROM qinglian_v3.facts WHERE fact_id LIKE 'test-race-%' ORDER BY 1") == [
        ("test-race-1",), ("test-race-2",)]  # the second read what the first wrote: no lost row
    assert rows(url, "SELECT version, added FROM qinglian_meta.changes ORDER BY version") == [(1, len(FACTS)), (2, 1), (3, 1)]


def test_the_reader_changes_nothing_and_the_writer_only_adds_to_the_record(server):
    database = fresh_database(server)
    server.execute(ROLES.read_text(encoding="utf-8"), db=database)
    writer, reader = server.url("qinglian_writer", database), server.url("qinglian_reader", database)
    publish(PACKAGE, writer)
    changes.correct(writer, FACTS["fact_id"].iloc[1], {"value": "5"}, "bob", "typo")  # the writer inserts records
    server.execute(ROLES.read_text(encoding="utf-8"), db=database)  # running it again changes nothing
    assert len(changes.change_log(reader)) == 2 and len(changes.history(reader, FACTS["fact_id"].iloc[1])) == 1
    with psycopg.connect(reader, autocommit=True) as connection:
        connection.execute("SET default_transaction_read_only = off")
        for statement in ("INSERT INTO qinglian_meta.changes (version, time, editor, action, source, added, corrected, "
                          "withdrawn, note) VALUES (9, 't', 'e', 'publish', '', 0, 0, 0, '')",
                          "UPDATE qinglian_meta.changes SET editor = 'someone else'", "DELETE FROM qinglian_meta.revisions",
                          "UPDATE qinglian_v2.facts SET value = 0", "DELETE FROM qinglian_v2.facts"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
    with psycopg.connect(writer, autocommit=True) as connection:
        for statement in ("UPDATE qinglian_meta.changes SET editor = 'someone else'", "DELETE FROM qinglian_meta.changes",
                          "UPDATE qinglian_meta.revisions SET old_value = ''", "DELETE FROM qinglian_meta.revisions",
                          "TRUNCATE qinglian_meta.changes", "DROP TABLE qinglian_meta.revisions",
                          "ALTER TABLE qinglian_meta.changes DROP COLUMN editor", "DROP SCHEMA qinglian_meta CASCADE"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
    assert rows(server.url(db=database), "SELECT version, editor FROM qinglian_meta.changes ORDER BY version")[1] == (2, "bob")


def test_two_publishers_into_one_duckdb_file_wait_for_each_other(tmp_path):
    url = f"duckdb:///{tmp_path / 'qinglian.duckdb'}"
    publish(PACKAGE, url)
    errors = _two_editors_publish_at_once(url)
    assert not errors and current_version(url) == 3
    assert rows(url, "SELECT count(*) FROM qinglian_v3.facts WHERE fact_id LIKE 'test-race-%'") == [(2,)]
