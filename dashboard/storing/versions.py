"""Writing versions into DuckDB or PostgreSQL, each with its change record: `dashboard.publish` (a whole
package) and storing/changes.py (an editor's publish, correction, withdrawal or rollback) both land here.

Each version is a schema (qinglian_v1, …) and the one row of `qinglian_meta.current` names the one to
serve; the switch is that row's update in the transaction that created and filled the schema, and so
is the change record: `qinglian_meta.changes` and `.revisions` are not per version, so the history
outlives the versions dropped after KEEP. A failure anywhere rolls it all back, CREATE SCHEMA and the
change record included, and the old version keeps serving. PostgreSQL's advisory lock (taken at
BEGIN) makes publishers wait for each other: each reads the version the last one wrote.
"""
from __future__ import annotations

import fcntl
import json
import re
import shutil
import tempfile
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import psycopg

from dashboard.kernel.problems import DataPackageError, PublishError
from dashboard.kernel.schema import RECORD_TABLES, TABLES
from dashboard.kernel.settings import DEFAULT_PACKAGE, duckdb_file, is_duckdb
from dashboard.storing import database, ledger
from dashboard.storing.ledger import Change, Plan
from dashboard.storing.package import read_package

META = "qinglian_meta"  # not "qinglian": DuckDB names a file's catalog after it (qinglian.duckdb)
KEEP = 2  # the current version and the one a page may still be reading
SQL_TYPES = {"string": "TEXT", "number": "DOUBLE PRECISION", "integer": "BIGINT", "date": "DATE"}
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")  # the only text ever formatted into SQL; 63: PostgreSQL's limit
INDEXED = {"facts": ("region", "indicator", "fact_id")}  # the dashboard's lookups (PostgreSQL; DuckDB scans fast)
CHUNK = 1 << 20  # bytes per COPY write: the progress bar moves, memory stays flat
LOCK_KEY = 0x71696E676C69616E  # "qinglian" in ASCII: PostgreSQL's advisory lock for publishers
# The change record's columns are the package's (data/datapackage.json); time is ISO text, as in the CSV.
RECORD_SQL = {"changes": "version INTEGER PRIMARY KEY, time TEXT NOT NULL, editor TEXT NOT NULL, action TEXT NOT NULL, "
                         "source TEXT NOT NULL, added INTEGER NOT NULL, corrected INTEGER NOT NULL, "
                         "withdrawn INTEGER NOT NULL, rolled_back_to INTEGER, note TEXT NOT NULL",
              "revisions": "version INTEGER NOT NULL, fact_id TEXT NOT NULL, action TEXT NOT NULL, field TEXT NOT NULL, "
                           "old_value TEXT NOT NULL, new_value TEXT NOT NULL, reason TEXT NOT NULL"}
META_TABLES = f"""CREATE SCHEMA IF NOT EXISTS {META};
CREATE TABLE IF NOT EXISTS {META}.versions (version INTEGER PRIMARY KEY, schema_name TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL, package TEXT NOT NULL, facts BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS {META}.current (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS {META}.changes ({RECORD_SQL["changes"]});
CREATE TABLE IF NOT EXISTS {META}.revisions ({RECORD_SQL["revisions"]})"""


@dataclass(frozen=True)
class Table:
    """A table as the descriptor types it: its CSV file and its (checked name, SQL type) columns in order."""

    name: str
    file: Path
    columns: tuple[tuple[str, str], ...]

    def names(self, *types: str) -> str:
        """The quoted column names (of these SQL types only, if any are given), comma-separated."""
        return ", ".join(f'"{name}"' for name, kind in self.columns if not types or kind in types)

    def as_written(self) -> str:
        """SELECT's list: every column as the package writes it (a whole number without '.0', a date ISO)."""
        return ", ".join(f'CASE WHEN "{c}" = trunc("{c}") THEN CAST(CAST("{c}" AS BIGINT) AS VARCHAR) ELSE CAST("{c}" AS VARCHAR) '
                         f'END AS "{c}"' if kind == "DOUBLE PRECISION" else f'CAST("{c}" AS VARCHAR) AS "{c}"'
                         for c, kind in self.columns)


def tables_of(package: Path) -> list[Table]:
    """The six tables as the descriptor types them; a name that is not a plain identifier is refused."""
    resources = {r["name"]: r for r in json.loads(package.read_text(encoding="utf-8"))["resources"]}
    tables = []
    for name in TABLES:
        columns = tuple((f["name"], SQL_TYPES.get(f.get("type"), "TEXT")) for f in resources[name]["schema"]["fields"])
        if bad := [i for i in (name, *dict(columns)) if not IDENTIFIER.fullmatch(i)]:
            raise PublishError(f"{package.name}, table '{name}': expected names matching {IDENTIFIER.pattern}; "
                               f"found {bad[0]!r}. Nothing was published.")
        tables.append(Table(name, package.parent / resources[name]["path"], columns))
    return tables


def write_version(db: Database, package: Path, tables: list[Table], progress, editor: str, note: str = "",
                  record: tuple[Change, pd.DataFrame] | None = None) -> tuple[int, int]:
    """Inside the caller's transaction: the new schema and its tables, its change record, the switch, the
    old versions dropped; (version, facts). Without `record` (a whole package), the change is what differs
    from the current version's facts (the first version records its count of facts, no revision each)."""
    db.execute(META_TABLES)
    version = record[0].version if record else next_version(db)
    schema = f"qinglian_v{version}"
    db.execute(f'CREATE SCHEMA "{schema}"')
    rows = {}
    for table in tables:
        columns = ", ".join(f'"{name}" {kind}' for name, kind in table.columns)
        db.execute(f'CREATE TABLE "{schema}"."{table.name}" ({columns})')
        rows[table.name] = db.load(schema, table, progress)
    if record is None:  # read while the current version is still the old one
        record = _package_record(db, tables, version, editor, note, rows["facts"])
    published = datetime.now(timezone.utc).replace(tzinfo=None)
    db.execute(f"INSERT INTO {META}.versions VALUES (%s, %s, %s, %s, %s)",
               (version, schema, published, str(package.resolve()), rows["facts"]))
    change, revisions = record
    db.execute(f"INSERT INTO {META}.changes VALUES ({', '.join(['%s'] * len(ledger.CHANGE_COLUMNS))})",
               tuple(change.row().values()))
    db.insert_many(f"{META}.revisions", revisions.reindex(columns=list(ledger.REVISION_COLUMNS)))
    db.execute(f"DELETE FROM {META}.current")
    db.execute(f"INSERT INTO {META}.current VALUES (%s)", (version,))
    for (old,) in db.execute(f"SELECT version FROM {META}.versions ORDER BY version DESC OFFSET %s", (KEEP,)):
        db.execute(f'DROP SCHEMA IF EXISTS "qinglian_v{int(old)}" CASCADE')
        db.execute(f"DELETE FROM {META}.versions WHERE version = %s", (old,))
    return version, rows["facts"]


def next_version(db: Database) -> int:
    """One above every version published or recorded (a version number is never used twice)."""
    return int(db.execute(f"SELECT coalesce(max(v), 0) + 1 FROM (SELECT max(version) AS v FROM {META}.versions "
                          f"UNION ALL SELECT max(version) FROM {META}.changes) AS found")[0][0])


def _package_record(db: Database, tables: list[Table], version: int, editor: str, note: str,
                    facts: int) -> tuple[Change, pd.DataFrame]:
    """A whole package's change: what differs from the current version's facts; the first version
    (nothing to differ from) records its count of facts and no revision each (a national package's
    million rows of JSON would say only 'added')."""
    current = db.execute(f"SELECT max(version) FROM {META}.current")[0][0]
    if current is None:
        return (Change(version, ledger.now_utc(), editor, "publish", "", facts, 0, 0, None, note),
                pd.DataFrame(columns=list(ledger.REVISION_COLUMNS)))
    facts_table = next(t for t in tables if t.name == "facts")
    new = ledger.as_text(pd.read_csv(facts_table.file, dtype=str, keep_default_na=False, encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="qinglian-old-") as scratch:
        old = ledger.as_text(pd.read_csv(db.export(f"qinglian_v{int(current)}", facts_table, Path(scratch)),
                                         dtype=str, keep_default_na=False, encoding="utf-8"))
    revisions = ledger.diff(old, new, note).assign(version=version)
    counts = ledger.counts(revisions)
    return Change(version, ledger.now_utc(), editor, "publish", "", **counts, rolled_back_to=None, note=note), revisions


def write_change(url: str, action: str, editor: str, note: str, plan: Plan) -> Change:
    """An editor's change (storing/changes.py) as a new version of the database at `url`."""
    try:
        with closing(open_database(url)) as db, db.transaction(), tempfile.TemporaryDirectory(prefix="qinglian-") as scratch:
            return _changed_version(db, action, editor, note, plan, Path(scratch))
    except (PublishError, DataPackageError, ValueError):
        raise
    except Exception as error:  # the engine's, a lost connection's: rolled back all the same
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ledger.refuse(f"写入 {shown_url(url)} 失败,当前版本未变:{reason}。",
                            f"Writing to {shown_url(url)} failed; the current version is unchanged: {reason}.") from error


def _changed_version(db: Database, action: str, editor: str, note: str, plan: Plan, folder: Path) -> Change:
    db.execute(META_TABLES)
    current = db.execute(f"SELECT max(version) FROM {META}.current")[0][0]
    if current is None:
        raise ledger.refuse("这个数据库还没有发布过版本:请先运行 python -m dashboard.publish。",
                            "No version has been published to this database yet: run python -m dashboard.publish first.")
    for file in DEFAULT_PACKAGE.parent.iterdir():  # the descriptor and phrasings the versions were checked against
        if file.suffix == ".json" or (file.suffix == ".csv" and file.stem not in (*TABLES, *RECORD_TABLES)):
            shutil.copy(file, folder / file.name)
    descriptor = folder / DEFAULT_PACKAGE.name
    schema_tables = tables_of(descriptor)
    for table in schema_tables:
        db.export(f"qinglian_v{int(current)}", table, folder)
    tables = {t.name: pd.read_csv(t.file, dtype=str, keep_default_na=False, encoding="utf-8") for t in schema_tables}
    for name in RECORD_TABLES:
        tables[name] = _record_text(db, name)
    changed, record, revisions = ledger.apply(tables, action, editor, note, plan, next_version(db))
    for name, frame in changed.items():
        (folder / f"{name}.csv").write_text(ledger.csv_text(frame), encoding="utf-8")
    for name in RECORD_TABLES:
        if name not in changed:
            (folder / f"{name}.csv").write_text(ledger.csv_text(tables[name]), encoding="utf-8")
    read_package(descriptor)  # the loader's checks on the version as it would be; DataPackageError names the cell
    write_version(db, descriptor, schema_tables, lambda *_: None, editor, note, (record, revisions))
    return record


def _record_text(db: Database, name: str) -> pd.DataFrame:
    columns = ledger.CHANGE_COLUMNS if name == "changes" else ledger.REVISION_COLUMNS
    rows = db.execute(f"SELECT * FROM {META}.{name} ORDER BY version")
    frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
    return frame.astype(object).where(frame.notna(), "").astype(str)


def record(url: str, name: str, fact_id: str | None = None) -> pd.DataFrame:
    """One change-record table of the database (`changes` or `revisions`, those of `fact_id` only);
    read-only, so the reader role may ask; none before the first publish."""
    assert name in RECORD_TABLES, name
    columns = ledger.CHANGE_COLUMNS if name == "changes" else ledger.REVISION_COLUMNS
    if is_duckdb(url) and not Path(duckdb_file(url)).exists():
        return pd.DataFrame(columns=list(columns))
    with closing(open_database(url, read_only=True)) as db, suppress(psycopg.errors.UndefinedTable, duckdb.CatalogException):
        where, params = ("WHERE fact_id = %s", (fact_id,)) if fact_id is not None else ("", None)
        return pd.DataFrame(db.execute(f"SELECT * FROM {META}.{name} {where} ORDER BY version", params),
                            columns=list(columns))
    return pd.DataFrame(columns=list(columns))


class Database:
    """What publishing asks of an engine (`connection`: psycopg's or duckdb's); transactions are plain SQL on both."""

    BEGIN = "BEGIN"  # DuckDB: one process at a time may open the file for writing anyway

    @contextmanager
    def transaction(self):
        self.execute(self.BEGIN)
        try:
            yield
        except BaseException:
            with suppress(Exception):  # a lost connection has taken the transaction with it
                self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def insert_many(self, table: str, frame: pd.DataFrame) -> None:
        if len(frame):
            marks = ", ".join(["%s"] * len(frame.columns))
            self.executemany(f"INSERT INTO {table} VALUES ({marks})", list(frame.itertuples(index=False, name=None)))

    def close(self) -> None:
        self.connection.close()


class Postgres(Database):
    """psycopg 3: COPY streams each CSV's bytes as they are; PostgreSQL parses them, not Python."""

    BEGIN = f"BEGIN; SELECT pg_advisory_xact_lock({LOCK_KEY})"  # one publisher at a time per server

    def __init__(self, url: str):
        conninfo = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)  # SQLAlchemy's spelling too
        self.connection = psycopg.connect(conninfo, client_encoding="UTF8", connect_timeout=10, autocommit=True)

    def execute(self, sql: str, params: tuple | None = None) -> list[tuple]:
        cursor = self.connection.execute(sql, params)
        return cursor.fetchall() if cursor.description else []

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def export(self, schema: str, table: Table, folder: Path) -> Path:
        """The table of a version as the package writes its CSV (for a check, or a change's starting point)."""
        path = folder / f"{table.name}.csv"
        with self.connection.cursor() as cursor, open(path, "wb") as out:
            with cursor.copy(f'COPY (SELECT {table.as_written()} FROM "{schema}"."{table.name}") TO STDOUT '
                             "(FORMAT csv, HEADER true, ENCODING 'UTF8')") as copy:
                for chunk in copy:
                    out.write(chunk)
        return path

    def load(self, schema: str, table: Table, progress) -> int:
        # An empty cell is '' in a text column (FORCE_NOT_NULL), NULL in the others even when quoted (FORCE_NULL).
        typed = ("DOUBLE PRECISION", "BIGINT", "DATE")
        options = ["FORMAT csv", "HEADER true", "ENCODING 'UTF8'"]
        options += [f"FORCE_NOT_NULL ({table.names('TEXT')})"] if table.names("TEXT") else []
        options += [f"FORCE_NULL ({table.names(*typed)})"] if table.names(*typed) else []
        total, done = table.file.stat().st_size, 0
        with self.connection.cursor() as cursor, open(table.file, "rb") as source:
            with cursor.copy(f'COPY "{schema}"."{table.name}" ({table.names()}) FROM STDIN ({", ".join(options)})') as copy:
                while chunk := source.read(CHUNK):
                    copy.write(chunk)
                    done += len(chunk)
                    progress(table.name, done, total)
            rows = cursor.rowcount
        # Indexes for the dashboard's lookups and statistics before the switch: the first page plans well.
        for column in (c for c in INDEXED.get(table.name, ()) if c in dict(table.columns)):
            self.execute(f'CREATE INDEX "{table.name}_{column}_idx" ON "{schema}"."{table.name}" ("{column}")')
        self.execute(f'ANALYZE "{schema}"."{table.name}"')
        return rows


class DuckDB(Database):
    """The duckdb module: DuckDB's own CSV reader takes every cell as text; one INSERT … SELECT casts them."""

    def __init__(self, url: str, read_only: bool = False):
        # As SQLAlchemy reads the URL: duckdb:///relative.duckdb, duckdb:////absolute.duckdb
        self.lock = None
        if not read_only:  # DuckDB's own file lock refuses a second writer; this one makes it wait its turn
            self.lock = open(f"{duckdb_file(url)}.publish.lock", "a")
            fcntl.flock(self.lock, fcntl.LOCK_EX)
            # DuckDB opens a file one way per process: the read-only connection this process's pages hold
            # (the editor app reads what it writes) is closed first; the next page opens it again.
            database.release(url)
        try:
            self.connection = duckdb.connect(duckdb_file(url), read_only=read_only)
        except BaseException:
            self.close_lock()
            raise

    def close(self) -> None:
        try:
            self.connection.close()
        finally:
            self.close_lock()

    def close_lock(self) -> None:
        if self.lock is not None:
            self.lock.close()  # closing releases the flock
            self.lock = None

    def execute(self, sql: str, params: tuple | None = None) -> list[tuple]:
        return self.connection.execute(sql.replace("%s", "?"), params or []).fetchall()

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        self.connection.executemany(sql.replace("%s", "?"), rows)

    def export(self, schema: str, table: Table, folder: Path) -> Path:
        path = folder / f"{table.name}.csv"
        self.execute(f"COPY (SELECT {table.as_written()} FROM \"{schema}\".\"{table.name}\") TO '{path}' (HEADER, DELIMITER ',')")
        return path

    def load(self, schema: str, table: Table, progress) -> int:
        # A fixed dialect and no sniffing; empty cells arrive as NULL and text ones become '' again.
        columns = ", ".join(f"'{name}': 'VARCHAR'" for name, _ in table.columns)
        casts = ", ".join(f"coalesce(\"{c}\", '')" if t == "TEXT" else f'CAST("{c}" AS {t})' for c, t in table.columns)
        total = table.file.stat().st_size
        progress(table.name, 0, total)
        rows = self.execute(f'INSERT INTO "{schema}"."{table.name}" ({table.names()}) SELECT {casts} FROM '
                            "read_csv(%s, header = true, auto_detect = false, delim = ',', quote = '\"', "
                            f"escape = '\"', columns = {{{columns}}})"
                            # Facts stored by region: DuckDB's per-block min/max then skips all but a
                            # district's blocks (it has no index the reader could use instead).
                            + (' ORDER BY "region"' if table.name == "facts" else ""), (str(table.file),))[0][0]
        progress(table.name, total, total)
        return rows


def open_database(url: str, read_only: bool = False) -> Database:
    if is_duckdb(url):
        return DuckDB(url, read_only)
    if re.match(r"postgres(ql)?(\+\w+)?://", url):
        return Postgres(url)
    raise ValueError("expected a URL duckdb:///FILE or postgresql://USER@HOST:PORT/DB")


def shown_url(url: str) -> str:
    """The URL fit for a log: no password, no query string (libpq takes a password there too)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.netloc:  # a package folder, a DuckDB file: no password to hide
        return url
    user, at, host = parts.netloc.rpartition("@")
    return f"{parts.scheme}://{user.split(':', 1)[0]}{at}{host}{parts.path}"
