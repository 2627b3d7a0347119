"""`python -m dashboard.publish`: the bundled package becomes a new version schema in DuckDB and in a real
PostgreSQL, all or nothing, and the hosted roles let the dashboard read it and nothing more."""
import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import psycopg
import pytest

from dashboard import publish as publishing
from dashboard.kernel.schema import TABLES
from dashboard.publish import PublishError, current_version, publish
from dashboard.storing import versions
from tests.conftest import PACKAGE, ROOT, fresh_database

ROLES = ROOT / "deploy" / "postgres" / "roles.sql"
FACT_TEXT = ("fact_id", "indicator", "region", "sector", "qualifier", "unit", "unit_word", "source", "locator", "note")


def csv_rows(name: str, folder: Path = PACKAGE.parent) -> list[dict]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


class Target:
    """A database to publish to, and a way to look into it as its owner."""

    def __init__(self, url: str):
        self.url = url

    def rows(self, sql: str) -> list[tuple]:
        if self.url.startswith("duckdb:"):
            with duckdb.connect(self.url.removeprefix("duckdb:///")) as connection:
                return connection.execute(sql).fetchall()
        with psycopg.connect(self.url) as connection:
            return connection.execute(sql).fetchall()

    def schemas(self) -> set[str]:
        found = self.rows("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'qinglian%'")
        return {name for (name,) in found}

    def versions(self) -> list[int]:
        return [version for (version,) in self.rows("SELECT version FROM qinglian_meta.versions ORDER BY version")]


@pytest.fixture
def server(postgres_server):
    return postgres_server  # the process's one PostgreSQL; each test takes a fresh database of it


@pytest.fixture(params=["duckdb", "postgresql"])
def target(request, tmp_path) -> Target:
    """An empty database of each engine: a DuckDB file named as in production, a new PostgreSQL database."""
    if request.param == "duckdb":
        return Target(f"duckdb:///{tmp_path / 'qinglian.duckdb'}")  # the file's catalog is "qinglian"
    server = request.getfixturevalue("server")
    return Target(server.url(db=fresh_database(server)))


def broken_package(tmp_path: Path, table: str, line: int, column: str, text: str) -> Path:
    """A copy of the bundled package with one cell replaced (`line` counts the header as 1)."""
    folder = tmp_path / "broken"
    shutil.copytree(PACKAGE.parent, folder)
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[line - 1][rows[0].index(column)] = text
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    return folder / PACKAGE.name


def test_publishing_loads_every_table_as_version_one(target):
    assert current_version(target.url) is None
    assert publish(PACKAGE, target.url) == 1
    for table in TABLES:
        assert target.rows(f'SELECT count(*) FROM qinglian_v1."{table}"') == [(len(csv_rows(table)),)], table
    assert current_version(target.url) == 1
    assert target.rows("SELECT version, schema_name, facts FROM qinglian_meta.versions") == [
        (1, "qinglian_v1", len(csv_rows("facts")))]


def test_facts_read_back_as_the_csv_has_them(target):
    publish(PACKAGE, target.url)
    stored = target.rows(f"SELECT {', '.join(FACT_TEXT)}, period_start, period_end, value FROM qinglian_v1.facts")
    expected = csv_rows("facts")
    assert sorted(row[:len(FACT_TEXT)] for row in stored) == sorted(tuple(r[c] for c in FACT_TEXT) for r in expected)
    by_id = {row[0]: row[len(FACT_TEXT):] for row in stored}
    for fact in expected:
        start, end, value = by_id[fact["fact_id"]]
        assert (start.isoformat(), end.isoformat(), value) == (fact["period_start"], fact["period_end"], float(fact["value"]))
    # The reader's contract: an empty text cell is '' (never NULL); an empty date is NULL.
    blank_sectors = sum(1 for fact in expected if not fact["sector"])
    assert blank_sectors and target.rows("SELECT count(*) FROM qinglian_v1.facts WHERE sector = ''") == [(blank_sectors,)]
    undated = sum(1 for source in csv_rows("sources") if not source["date"])
    assert undated and target.rows("SELECT count(*) FROM qinglian_v1.sources WHERE date IS NULL") == [(undated,)]


def test_publishing_again_keeps_the_previous_version_and_drops_older_ones(target):
    publish(PACKAGE, target.url)
    assert publish(PACKAGE, target.url) == 2
    assert (current_version(target.url), target.versions()) == (2, [1, 2])
    assert target.schemas() == {"qinglian_meta", "qinglian_v1", "qinglian_v2"}
    assert publish(PACKAGE, target.url) == 3
    assert (current_version(target.url), target.versions()) == (3, [2, 3])
    assert target.schemas() == {"qinglian_meta", "qinglian_v2", "qinglian_v3"}


def test_an_invalid_package_is_refused_before_the_database_is_touched(target, tmp_path):
    broken = broken_package(tmp_path, "facts", 3, "value", "abc")
    with pytest.raises(PublishError, match=r"facts\.csv, row 3, column 'value': expected a number; found 'abc'"):
        publish(broken, target.url)
    assert current_version(target.url) is None and not target.schemas()
    publish(PACKAGE, target.url)
    with pytest.raises(PublishError, match=r"facts\.csv, row 3, column 'value'"):
        publish(broken, target.url)
    assert (current_version(target.url), target.versions(), target.schemas()) == (1, [1], {"qinglian_meta", "qinglian_v1"})


def test_a_name_that_is_not_a_plain_identifier_is_refused(tmp_path):
    folder = tmp_path / "renamed"
    shutil.copytree(PACKAGE.parent, folder)
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))  # a valid package, as the loader sees it
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")
    next(f for f in facts["schema"]["fields"] if f["name"] == "note")["name"] = "Note"
    (folder / PACKAGE.name).write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    text = (folder / "facts.csv").read_text(encoding="utf-8")
    (folder / "facts.csv").write_text(text.replace(",note\n", ",Note\n", 1), encoding="utf-8")
    database = tmp_path / "qinglian.duckdb"
    with pytest.raises(PublishError, match=r"table 'facts': expected names matching .*; found 'Note'"):
        publish(folder / PACKAGE.name, f"duckdb:///{database}")
    assert not database.exists()


def test_a_row_the_database_rejects_rolls_back_the_whole_version(target, tmp_path, monkeypatch):
    publish(PACKAGE, target.url)
    monkeypatch.setattr(publishing, "read_package", lambda path: None)  # as if the checks had missed it
    broken = broken_package(tmp_path, "sources", 2, "date", "someday")  # the last table to load
    with pytest.raises(PublishError, match="the current version is unchanged"):
        publish(broken, target.url)
    assert (current_version(target.url), target.versions(), target.schemas()) == (1, [1], {"qinglian_meta", "qinglian_v1"})


def test_a_load_that_fails_midway_leaves_nothing_of_the_new_version(target, monkeypatch):
    publish(PACKAGE, target.url)
    loaded = []
    for engine in (versions.DuckDB, versions.Postgres):
        def failing_load(self, schema, table, progress, real=engine.load):
            loaded.append(table.name)
            if len(loaded) == 3:
                raise OSError("disk full (simulated)")
            return real(self, schema, table, progress)
        monkeypatch.setattr(engine, "load", failing_load)
    with pytest.raises(PublishError, match=r"failed; the current version is unchanged: disk full \(simulated\)"):
        publish(PACKAGE, target.url)
    assert loaded == list(TABLES[:3])  # qinglian_v2 and two filled tables existed inside the transaction
    assert (current_version(target.url), target.versions(), target.schemas()) == (1, [1], {"qinglian_meta", "qinglian_v1"})


def test_a_lost_connection_rolls_back_and_the_old_version_keeps_serving(server, monkeypatch):
    target = Target(server.url(db=fresh_database(server)))
    publish(PACKAGE, target.url)
    real = versions.Postgres.load

    def load_then_lose_the_connection(self, schema, table, progress):
        if table.name == TABLES[2]:
            server.execute(f"SELECT pg_terminate_backend({self.connection.info.backend_pid})")
        return real(self, schema, table, progress)

    monkeypatch.setattr(versions.Postgres, "load", load_then_lose_the_connection)
    with pytest.raises(PublishError, match="the current version is unchanged"):
        publish(PACKAGE, target.url)
    assert (current_version(target.url), target.versions(), target.schemas()) == (1, [1], {"qinglian_meta", "qinglian_v1"})


def test_the_reader_role_reads_every_published_version_and_changes_nothing(server):
    database = fresh_database(server)
    server.execute(ROLES.read_text(encoding="utf-8"), db=database)
    server.execute(ROLES.read_text(encoding="utf-8"), db=database)  # running it again is harmless
    writer, reader = server.url("qinglian_writer", database), server.url("qinglian_reader", database)
    facts = len(csv_rows("facts"))
    for version in (1, 2):  # the second was created after the grants: default privileges cover it
        assert publish(PACKAGE, writer) == version
        with psycopg.connect(reader) as connection:
            assert connection.execute("SELECT version FROM qinglian_meta.current").fetchall() == [(version,)]
            assert connection.execute(f"SELECT count(*) FROM qinglian_v{version}.facts").fetchall() == [(facts,)]
    with psycopg.connect(reader, autocommit=True) as connection:
        assert connection.execute("SHOW default_transaction_read_only").fetchone() == ("on",)
        assert connection.execute("SHOW statement_timeout").fetchone() == ("5s",)
        connection.execute("SET default_transaction_read_only = off")  # a session may; its grants still hold
        for statement in ("INSERT INTO qinglian_v2.regions (code) VALUES ('999999')", "DELETE FROM qinglian_meta.current",
                          "CREATE SCHEMA qinglian_v9", "CREATE TABLE public.notes (a int)", "DROP TABLE qinglian_v2.facts"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
    assert Target(writer).rows("SELECT count(*) FROM qinglian_v2.regions") == [(len(csv_rows("regions")),)]


def run_cli(package: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard.publish", str(package), "--to", url],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_the_command_publishes_and_never_prints_the_password(server):
    database = fresh_database(server)
    done = run_cli(PACKAGE, f"postgresql://postgres:s3cret-word@127.0.0.1:{server.port}/{database}")
    assert done.returncode == 0, done.stderr
    facts = f"{len(csv_rows('facts')):,}"
    assert re.fullmatch(rf"published version 1 \({facts} facts\) to postgresql://postgres@127\.0\.0\.1:{server.port}/"
                        rf"{database} in \d+\.\d s\n", done.stdout)
    assert "s3cret" not in done.stdout + done.stderr
    assert "facts" in done.stderr  # the progress, table by table


def test_the_command_exits_1_naming_the_bad_cell(tmp_path):
    database = tmp_path / "qinglian.duckdb"
    done = run_cli(broken_package(tmp_path, "facts", 3, "region", "999999"), f"duckdb:///{database}")
    assert done.returncode == 1
    assert "facts.csv, row 3, column 'region'" in done.stderr and "Nothing was published" in done.stderr
    assert not database.exists()
