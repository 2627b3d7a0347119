"""Load a checked data package into a database as a new version: `python -m dashboard.publish PACKAGE --to URL`.

URL: `duckdb:///FILE` (as SQLAlchemy reads it) or `postgresql://USER@HOST:PORT/DB`, the password from
PGPASSWORD or ~/.pgpass. Each version is a schema (qinglian_v1, …) and the one row of `qinglian_meta.current`
names the one to serve: a page reads one consistent version, and the switch is that row's update in the
transaction that created and filled the schema. A failure anywhere rolls it all back, CREATE SCHEMA included,
and the old version keeps serving; the newest KEEP stay, so a page begun before the switch can finish.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import psycopg

from dashboard import previews
from dashboard.kernel.problems import DataPackageError
from dashboard.kernel.schema import TABLES
from dashboard.kernel.settings import duckdb_file, is_duckdb
from dashboard.storing.package import read_package

META = "qinglian_meta"  # not "qinglian": DuckDB names a file's catalog after it (qinglian.duckdb)
KEEP = 2  # the current version and the one a page may still be reading
SQL_TYPES = {"string": "TEXT", "number": "DOUBLE PRECISION", "integer": "BIGINT", "date": "DATE"}
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")  # the only text ever formatted into SQL; 63: PostgreSQL's limit
INDEXED = {"facts": ("region", "indicator", "fact_id")}  # the dashboard's lookups (PostgreSQL; DuckDB scans fast)
CHUNK = 1 << 20  # bytes per COPY write: the progress bar moves, memory stays flat
LOCK_KEY = 0x71696E676C69616E  # "qinglian" in ASCII: PostgreSQL's advisory lock for publishers
META_TABLES = f"""CREATE SCHEMA IF NOT EXISTS {META};
CREATE TABLE IF NOT EXISTS {META}.versions (version INTEGER PRIMARY KEY, schema_name TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL, package TEXT NOT NULL, facts BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS {META}.current (version INTEGER NOT NULL)"""


class PublishError(Exception):
    """Nothing was published and the current version is unchanged (a bad package's DataPackageError is the cause)."""


@dataclass(frozen=True)
class Table:
    """A table as the descriptor types it: its CSV file and its (checked name, SQL type) columns in order."""

    name: str
    file: Path
    columns: tuple[tuple[str, str], ...]

    def names(self, *types: str) -> str:
        """The quoted column names (of these SQL types only, if any are given), comma-separated."""
        return ", ".join(f'"{name}"' for name, kind in self.columns if not types or kind in types)


def publish(package: Path, url: str, progress=None) -> int:
    """Check `package`, then load it into the database at `url` as the new current version; its number.
    `progress(table, bytes_done, bytes_total)` is called while each table's CSV loads."""
    return _publish(Path(package), url, progress)[0]


def current_version(url: str) -> int | None:
    """The version the dashboard serves from `url`; None before the first publish."""
    if is_duckdb(url) and not Path(duckdb_file(url)).exists():
        return None
    with closing(_open(url, read_only=True)) as db, suppress(psycopg.errors.UndefinedTable, duckdb.CatalogException):
        return db.execute(f"SELECT max(version) FROM {META}.current")[0][0]
    return None  # no table yet: nothing was ever published here


def _publish(package: Path, url: str, progress) -> tuple[int, int]:
    """(version, facts); a bad package raises PublishError before the database is touched."""
    try:
        read_package(package)
    except DataPackageError as error:
        raise PublishError(f"{error}\nNothing was published.") from error
    tables = _tables(package)
    try:
        with closing(_open(url)) as db, db.transaction():
            return _write_version(db, package, tables, progress or (lambda *_: None))
    except Exception as error:  # the engine's, a file's, a lost connection's: rolled back all the same
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise PublishError(f"publishing to {_shown_url(url)} failed; the current version is unchanged: {reason}") from error


def _tables(package: Path) -> list[Table]:
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


def _write_version(db: _Database, package: Path, tables: list[Table], progress) -> tuple[int, int]:
    """Inside the caller's transaction: the new schema and its tables, the switch, the old versions dropped."""
    db.execute(META_TABLES)
    version = db.execute(f"SELECT coalesce(max(version), 0) + 1 FROM {META}.versions")[0][0]
    schema = f"qinglian_v{version}"
    db.execute(f'CREATE SCHEMA "{schema}"')
    rows = {}
    for table in tables:
        columns = ", ".join(f'"{name}" {kind}' for name, kind in table.columns)
        db.execute(f'CREATE TABLE "{schema}"."{table.name}" ({columns})')
        rows[table.name] = db.load(schema, table, progress)
    published = datetime.now(timezone.utc).replace(tzinfo=None)
    db.execute(f"INSERT INTO {META}.versions VALUES (%s, %s, %s, %s, %s)",
               (version, schema, published, str(package.resolve()), rows["facts"]))
    db.execute(f"DELETE FROM {META}.current")
    db.execute(f"INSERT INTO {META}.current VALUES (%s)", (version,))
    for (old,) in db.execute(f"SELECT version FROM {META}.versions ORDER BY version DESC OFFSET %s", (KEEP,)):
        db.execute(f'DROP SCHEMA IF EXISTS "qinglian_v{int(old)}" CASCADE')
        db.execute(f"DELETE FROM {META}.versions WHERE version = %s", (old,))
    return version, rows["facts"]


class _Database:
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

    def close(self) -> None:
        self.connection.close()


class _Postgres(_Database):
    """psycopg 3: COPY streams each CSV's bytes as they are; PostgreSQL parses them, not Python."""

    BEGIN = f"BEGIN; SELECT pg_advisory_xact_lock({LOCK_KEY})"  # one publisher at a time per server

    def __init__(self, url: str):
        conninfo = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)  # SQLAlchemy's spelling too
        self.connection = psycopg.connect(conninfo, client_encoding="UTF8", connect_timeout=10, autocommit=True)

    def execute(self, sql: str, params: tuple | None = None) -> list[tuple]:
        cursor = self.connection.execute(sql, params)
        return cursor.fetchall() if cursor.description else []

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


class _DuckDB(_Database):
    """The duckdb module: DuckDB's own CSV reader takes every cell as text; one INSERT … SELECT casts them."""

    def __init__(self, url: str, read_only: bool = False):
        # As SQLAlchemy reads the URL: duckdb:///relative.duckdb, duckdb:////absolute.duckdb
        self.connection = duckdb.connect(duckdb_file(url), read_only=read_only)

    def execute(self, sql: str, params: tuple | None = None) -> list[tuple]:
        return self.connection.execute(sql.replace("%s", "?"), params or []).fetchall()

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


def _open(url: str, read_only: bool = False) -> _Database:
    if is_duckdb(url):
        return _DuckDB(url, read_only)
    if re.match(r"postgres(ql)?(\+\w+)?://", url):
        return _Postgres(url)
    raise ValueError("expected a URL duckdb:///FILE or postgresql://USER@HOST:PORT/DB")


def _shown_url(url: str) -> str:
    """The URL fit for a log: no password, no query string (libpq takes a password there too)."""
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    return f"{parts.scheme}://{user.split(':', 1)[0]}{at}{host}{parts.path}"


def _progress_bar(table: str, done: int, total: int, width: int = 30) -> None:
    """A line per table on stderr, redrawn in place on a terminal; in a log, only the finished line."""
    if done < total and not sys.stderr.isatty():
        return
    filled = width * done // total if total else width
    line = f"{table:<11} [{'#' * filled}{'.' * (width - filled)}] {done:,} / {total:,} bytes"
    print(f"\r{line}", end="\n" if done >= total else "", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.publish", description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the package's datapackage.json")
    parser.add_argument("--to", required=True, metavar="URL", help="duckdb:///FILE or postgresql://USER@HOST:PORT/DB")
    parser.add_argument("--previews", type=Path, metavar="FOLDER",
                        help="then make the link previews there (python -m dashboard.previews FOLDER --site URL)")
    parser.add_argument("--site", metavar="URL", help="with --previews: the dashboard's public address")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        version, facts = _publish(args.package, args.to, _progress_bar)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"published version {version} ({facts:,} facts) to {_shown_url(args.to)} in {time.monotonic() - started:.1f} s")
    if args.previews:  # the published package's previews, for nginx (deploy/nginx/qinglian-previews.conf)
        return previews.main([str(args.previews), "--package", str(args.package), *(["--site", args.site] if args.site else [])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
