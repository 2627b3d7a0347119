"""A published version in DuckDB or PostgreSQL, read by the replicas (`store.py` chooses which).

A database holds versions published by `python -m dashboard.publish`, one schema each. Which one is
current is asked at most every VERSION_TTL seconds, so a replica serves a new version within a
minute without a restart, while every run of a page reads the one version it started with. PostgreSQL
is reached through st.connection's pooled SQLAlchemy engine, DuckDB directly (see `_duckdb`). Per
version the five small tables are read whole, once; the facts stay in the database and each of
the five questions `queries.py` asks is one parameterised query (`SqlFacts`).
"""
from __future__ import annotations

import gc
import hashlib
import io
import re
import tempfile
import threading
import zipfile
from contextlib import suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from cachetools import LRUCache

from dashboard.kernel.model import Dataset, typed
from dashboard.kernel.problems import StoreUnavailable
from dashboard.kernel.schema import DATE_COLUMNS, FACT_COLUMNS, RECORD_TABLES, TABLES
from dashboard.kernel.settings import CONNECTION, DEFAULT_PACKAGE, duckdb_file, is_duckdb, version_ttl
from dashboard.storing import ledger

if TYPE_CHECKING:
    import duckdb

VERSION_TTL = version_ttl()  # seconds: a published version reaches every replica within 60 s
SCHEMA = re.compile(r"qinglian_v[0-9]+")  # the only schema names a query is ever built with
# `:name` and `IN :name` (a list), rewritten into each driver's own parameter style in query_frame().
IN_LIST, NAMED = re.compile(r"IN :(\w+)"), re.compile(r"(?<![:\w]):(\w+)")
CURRENT = ("SELECT v.schema_name FROM qinglian_meta.current c "
           "JOIN qinglian_meta.versions v ON v.version = c.version")


def published_dataset(chosen: str) -> Dataset:
    """The current version of the database `chosen` names; raises StoreUnavailable."""
    return _schema_dataset(chosen, _current_schema(chosen))


def answers(chosen: str) -> bool:
    try:
        query_frame(chosen, "SELECT 1")
        return True
    except StoreUnavailable:
        return False


def _resolved(chosen: str) -> tuple[str, dict]:
    """(URL, further connection settings) of a setting; 'secrets' reads [connections.qinglian]: a `url`,
    or dialect, host, username, password, … (URL '' then)."""
    if chosen != "secrets":
        return chosen, {}
    section = dict(st.secrets["connections"][CONNECTION])
    return section.pop("url", ""), section


def _duckdb_module():
    # Imported when a DuckDB file is read, not above: a PostgreSQL replica never loads DuckDB's library
    # (13 MB a process on import, 39 MB of its code resident once it runs queries; measured, #32).
    import duckdb

    return duckdb


@st.cache_resource(show_spinner=False, max_entries=2)
def _duckdb(url: str) -> duckdb.DuckDBPyConnection:
    # DuckDB runs inside this process: there is no server to pool connections to, so the file is opened
    # directly, read-only (many replicas may), once, with a cursor per query (a connection is not shared
    # between threads). Not through st.connection: its SQLAlchemy dialect, duckdb-engine, opens two
    # probe databases on import (32 MB a replica, measured). A small buffer pool: a page reads hundreds
    # of rows, and a replica stays near 300 MB at national scale.
    return _duckdb_module().connect(duckdb_file(url), read_only=True, config={"memory_limit": "32MB", "threads": 1})


def engine(chosen: str):
    """The pooled SQLAlchemy engine of Streamlit's SQL connection to PostgreSQL (one per process and setting)."""
    url, section = _resolved(chosen)
    if not url:
        return st.connection(CONNECTION, type="sql", pool_pre_ping=True, **section).engine
    # pre_ping: a connection broken by a database restart is replaced, not handed to a page.
    return st.connection(CONNECTION, type="sql", url=url.replace("postgresql://", "postgresql+psycopg://", 1),
                         pool_size=5, max_overflow=5, pool_pre_ping=True,
                         connect_args={"connect_timeout": 3, "options": "-c statement_timeout=5000"}).engine


def release(chosen: str) -> None:
    """Close this process's hold on the database (DuckDB lets one process write only while none reads)."""
    url, _ = _resolved(chosen)
    if is_duckdb(url):
        with suppress(_duckdb_module().Error):  # no file yet (a first publish): nothing to let go of
            _duckdb(url).close()
        _duckdb.clear()
    else:
        engine(chosen).dispose()


def query_frame(chosen: str, sql: str, **params) -> pd.DataFrame:
    """One query with `:name` parameters (a list one after `IN`); a database that does not answer raises
    StoreUnavailable. Values are bound by the driver, never written into the text."""
    url, _ = _resolved(chosen)
    if not is_duckdb(url):
        return _server_query(chosen, sql, params)
    try:
        with _duckdb(url).cursor() as cursor:
            return cursor.execute(NAMED.sub(r"$\1", IN_LIST.sub(r"IN (SELECT unnest(:\1))", sql)), params).df()
    except _duckdb_module().Error as error:
        raise StoreUnavailable(str(error).splitlines()[0]) from error


def _server_query(chosen: str, sql: str, params: dict) -> pd.DataFrame:
    # Imported here, not above: a DuckDB replica never loads SQLAlchemy or psycopg (20 MB, measured).
    import psycopg
    from sqlalchemy import bindparam, text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine(chosen).connect() as connection:
            if connection.dialect.driver != "psycopg":  # another driver named in secrets.toml
                lists = [bindparam(name, expanding=True) for name, value in params.items() if isinstance(value, list)]
                return pd.read_sql_query(text(sql).bindparams(*lists), connection, params=params or None)
            # The pooled connection's own driver: a page's few thousand rows come back 2x faster than
            # through SQLAlchemy's rows (measured, 3,240 facts: 11.8 → 6.4 ms).
            native = NAMED.sub(r"%(\1)s", IN_LIST.sub(r"= ANY(:\1)", sql))
            cursor = connection.connection.driver_connection.execute(native, params)
            return pd.DataFrame(cursor.fetchall(), columns=[column.name for column in cursor.description])
    except (SQLAlchemyError, pd.errors.DatabaseError, psycopg.Error) as error:
        raise StoreUnavailable(str(error).splitlines()[0]) from error


@st.cache_resource(show_spinner=False, ttl=VERSION_TTL, max_entries=4)
def _current_schema(chosen: str) -> str:
    """The current version's schema, asked again after VERSION_TTL (a failure is not cached)."""
    found = query_frame(chosen, CURRENT)
    if found.empty or not SCHEMA.fullmatch(str(found.iloc[0, 0])):
        raise StoreUnavailable("no version has been published to this database yet (python -m dashboard.publish)")
    return str(found.iloc[0, 0])


@st.cache_resource(show_spinner=False, max_entries=2)
def _schema_dataset(chosen: str, schema: str) -> Dataset:
    """One published version: its small tables read whole, its facts left where they are."""
    gc.unfreeze()  # an older version may be on its way out: let the collector see it again
    tables = {name: as_served(query_frame(chosen, f'SELECT * FROM {schema}."{name}"'), name)
              for name in TABLES if name != "facts"}
    digest = hashlib.blake2b(chosen.encode(), digest_size=6).hexdigest()
    dataset = Dataset(SqlFacts(chosen, schema), **tables, version=f"{digest}:{schema}", **version_record(chosen, schema))
    # As the package store does (package._read_cached): the libraries and the version, frozen, are out of
    # the cyclic collector's way, so a full collection walks only what the pages made since, and comes
    # often enough that their garbage (Plotly's figures hold cycles) does not pile up for long (#32).
    gc.collect()
    gc.freeze()
    return dataset


def version_record(chosen: str, schema: str) -> dict[str, pd.DataFrame]:
    """The changes (newest first) and revisions (oldest first) up to this version; none in a database
    published before change records were kept. The record is not per version, so the version bounds it."""
    found = query_frame(chosen, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'qinglian_meta' "
                                "AND table_name IN ('changes', 'revisions')")
    if int(found.iloc[0, 0]) < 2:
        return {}
    version = int(schema.removeprefix("qinglian_v"))
    return {name: frame(query_frame(chosen, f"SELECT * FROM qinglian_meta.{name} WHERE version <= :version", version=version))
            for name, frame in (("changes", ledger.change_frame), ("revisions", ledger.revision_frame))}


def as_served(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A table as the package reader serves it (kernel/model.typed), its other columns as text: '' for
    empty, and a date the package keeps as text (sources.retrieved) written as in the CSV."""
    typed(frame, name)
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]) or column in DATE_COLUMNS.get(name, ()):
            continue
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d").fillna("")
        else:
            # Python strings, not Arrow's: labels and charts walk these rows cell by cell, and an Arrow
            # cell costs a lookup each time (profiled: a third of a rerun's time at national scale).
            frame[column] = frame[column].fillna("").astype(str).astype(object)
    return frame


REGION_CACHE_BYTES = 8 * 2**20  # per replica and version: about 25 counties' facts at national scale
AREAS_HELD = 64  # a page's areas (a city and its counties); a longer list (a province's) is asked as it is


def _split(facts: pd.DataFrame, codes: list[str]) -> list[pd.DataFrame]:
    """`facts` of several areas as one frame per area of `codes` (an area with none: an empty frame)."""
    groups = facts.groupby("region", sort=False).indices if len(facts) else {}
    return [facts.iloc[groups[code]].reset_index(drop=True) if code in groups else facts.iloc[0:0] for code in codes]


class SqlFacts:
    """The facts of one published version, asked in SQL: `FrameFacts`' five questions, pushed down.

    Every value travels as a bound parameter; the only names put into the text are the version's
    schema (checked against SCHEMA) and column names from FACT_COLUMNS.
    """

    def __init__(self, chosen: str, schema: str):
        assert SCHEMA.fullmatch(schema), schema
        self.chosen, self.schema, self.table = chosen, schema, f"{schema}.facts"
        # The facts of the areas asked for lately, each area's whole (a version never changes). A page
        # asks its area's facts six to eight times, a question per section; one query for the areas not
        # held yet then answers them all (profiled at national scale, #32: the queries and their typing
        # were two fifths of a district change). Held to REGION_CACHE_BYTES, least recently used out.
        self._areas = LRUCache(maxsize=REGION_CACHE_BYTES, getsizeof=lambda frame: int(frame.memory_usage(deep=True).sum()))
        self._lock = threading.Lock()

    def _of_areas(self, regions: list[str]) -> pd.DataFrame:
        with self._lock:
            held = {code: self._areas[code] for code in regions if code in self._areas}
        missing = [code for code in regions if code not in held]
        if missing:
            fetched = self._query(regions=missing)
            for code, frame in zip(missing, _split(fetched, missing)):
                held[code] = frame
                with self._lock:
                    self._areas[code] = frame
        return pd.concat([held[code] for code in regions], ignore_index=True) if len(regions) > 1 else held[regions[0]]

    def rows(self, regions=None, indicators=None, in_sectors: bool = False) -> pd.DataFrame:
        if regions is not None and 0 < len(codes := [str(v) for v in dict.fromkeys(regions)]) <= AREAS_HELD:
            facts = self._of_areas(codes)
            if indicators is not None:
                facts = facts[facts["indicator"].isin([str(v) for v in indicators])]
            return (facts[facts["sector"] != ""] if in_sectors else facts).copy()
        return self._query(regions, indicators, in_sectors)

    def _query(self, regions=None, indicators=None, in_sectors: bool = False) -> pd.DataFrame:
        where, params = ["sector <> ''"] if in_sectors else [], {}
        for column, values in (("region", regions), ("indicator", indicators)):
            if values is not None:
                where.append(f"{column} IN :{column}")
                params[column] = [str(v) for v in dict.fromkeys(values)]
        sql = f"SELECT * FROM {self.table}" + (" WHERE " + " AND ".join(where) if where else "")
        return as_served(query_frame(self.chosen, sql, **params), "facts")

    def by_id(self, fact_id: str) -> pd.DataFrame:
        return as_served(query_frame(self.chosen, f"SELECT * FROM {self.table} WHERE fact_id = :fact_id", fact_id=str(fact_id)),
                     "facts")

    def values(self, column: str) -> list:
        if column not in FACT_COLUMNS:
            raise ValueError(f"facts have no column {column!r}")
        return query_frame(self.chosen, f"SELECT DISTINCT {column} FROM {self.table}").iloc[:, 0].tolist()

    @cached_property
    def _count(self) -> int:  # a version never changes: asked once
        return int(query_frame(self.chosen, f"SELECT count(*) FROM {self.table}").iloc[0, 0])

    def count(self) -> int:
        return self._count

    def counts(self, regions=None) -> pd.DataFrame:
        if regions is None:
            return query_frame(self.chosen, f"SELECT indicator, region, count(*) AS n FROM {self.table} GROUP BY indicator, region")
        return query_frame(self.chosen, f"SELECT indicator, region, count(*) AS n FROM {self.table} WHERE region IN :regions "
                     "GROUP BY indicator, region", regions=[str(r) for r in regions])


@st.cache_resource(show_spinner=False, max_entries=1)
def version_zip(chosen: str, schema: str) -> bytes:
    """The version being served as a data package zip: the bundled descriptor, README and phrasings (the
    schema it was checked against) and each table as the database holds it, so a download is what the
    pages drew. Streamed table by table through the database's own CSV writer: a national package never
    sits in this process as a frame."""
    assert SCHEMA.fullmatch(schema), schema
    buffer, url = io.BytesIO(), _resolved(chosen)[0]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, tempfile.TemporaryDirectory() as scratch:
        for file in sorted(DEFAULT_PACKAGE.parent.iterdir()):
            if file.suffix in {".json", ".md"} or (file.suffix == ".csv" and file.stem not in (*TABLES, *RECORD_TABLES)):
                archive.write(file, f"qinglian-data/{file.name}")
        dataset = _schema_dataset(chosen, schema)  # the change record up to this version, as the pages read it
        for name in RECORD_TABLES:
            archive.writestr(f"qinglian-data/{name}.csv", ledger.csv_text(getattr(dataset, name).sort_values("version")))
        for name in TABLES:
            select = f"SELECT {_as_written(chosen, schema, name)} FROM {schema}.{name}"
            with archive.open(f"qinglian-data/{name}.csv", "w") as entry:
                if is_duckdb(url):
                    out = Path(scratch) / f"{name}.csv"
                    with _duckdb(url).cursor() as cursor:
                        cursor.execute(f"COPY ({select}) TO '{out}' (HEADER)")
                    entry.write(out.read_bytes())
                    continue
                with engine(chosen).connect() as connection:
                    cursor = connection.connection.driver_connection.cursor()
                    with cursor.copy(f"COPY ({select}) TO STDOUT (FORMAT csv, HEADER true)") as copy:
                        for chunk in copy:
                            entry.write(chunk)
    return buffer.getvalue()


def _as_written(chosen: str, schema: str, table: str) -> str:
    """The table's columns, a number written as the package writes it: a whole number without a decimal
    point, never in exponent form."""
    columns = query_frame(chosen, "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = :schema "
                    "AND table_name = :table ORDER BY ordinal_position", schema=schema, table=table)
    return ", ".join(f'CASE WHEN "{c}" = trunc("{c}") THEN CAST(CAST("{c}" AS BIGINT) AS VARCHAR) '
                     f'ELSE CAST("{c}" AS VARCHAR) END AS "{c}"' if kind.upper() in ("DOUBLE", "DOUBLE PRECISION")
                     else f'"{c}"' for c, kind in zip(columns.iloc[:, 0], columns.iloc[:, 1]))
