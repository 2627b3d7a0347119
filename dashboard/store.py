"""Where the replicas read their data: the package (the default) or a database (`QINGLIAN_STORE`).

`QINGLIAN_STORE` is a `datapackage.json` path, `duckdb:///path/file.duckdb` (embedded: a national
package on one machine) or `postgresql://user@host/db` (hosted: one database behind every replica).
Unset, a `[connections.qinglian]` section in .streamlit/secrets.toml names the database, and
without one the bundled package is read, as before. Passwords come from secrets.toml or the
environment (PGPASSWORD), never from code or a page's address.

A database holds versions published by `python -m dashboard.publish`, one schema each. Which one is
current is asked at most every VERSION_TTL seconds, so a replica serves a new version within a
minute without a restart, while every run of a page reads the one version it started with. Per
version the five small tables are read whole, once; the facts stay in the database and each of
the five questions `queries.py` asks is one parameterised query (`SqlFacts`).
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import cached_property

import duckdb
import pandas as pd
import psycopg
import streamlit as st
from sqlalchemy import bindparam, text
from sqlalchemy.exc import SQLAlchemyError

from dashboard import package
from dashboard.package import DATE_COLUMNS, Dataset
from dashboard.problems import Problem

STORE_ENV = "QINGLIAN_STORE"
CONNECTION = "qinglian"  # its secrets section: [connections.qinglian]
DATABASES = ("duckdb://", "postgresql://", "postgresql+psycopg://")
TTL_ENV = "QINGLIAN_VERSION_TTL"
VERSION_TTL = float(os.environ.get(TTL_ENV) or 30)  # seconds: a published version reaches every replica within 60 s
SCHEMA = re.compile(r"qinglian_v[0-9]+")  # the only schema names a query is ever built with
IN_LIST, NAMED = re.compile(r"IN :(\w+)"), re.compile(r"(?<![:\w]):(\w+)")
# Per driver: how `IN :name` (a list) and `:name` are written in its own parameter style.
NATIVE = {"duckdb_engine": (r"IN (SELECT unnest(:\1))", r"$\1"), "psycopg": (r"= ANY(:\1)", r"%(\1)s")}
CURRENT = ("SELECT v.schema_name FROM qinglian_meta.current c "
           "JOIN qinglian_meta.versions v ON v.version = c.version")
FACT_COLUMNS = ("fact_id", "indicator", "region", "sector", "period_start", "period_end", "value", "qualifier",
                "unit", "source", "locator", "note")


class StoreUnavailable(Exception):
    """The database did not answer (or holds no version yet): the page says so and tries again."""


def setting() -> str:
    """The store this process reads: a package path, a database URL, or 'secrets'."""
    chosen = os.environ.get(STORE_ENV, "").strip()
    if chosen:
        return chosen
    try:
        return "secrets" if CONNECTION in st.secrets.get("connections", {}) else str(package.package_path())
    except FileNotFoundError:  # no secrets.toml at all
        return str(package.package_path())


def is_database(chosen: str) -> bool:
    return chosen == "secrets" or chosen.startswith(DATABASES)


def dataset_and_problems() -> tuple[Dataset, list[Problem]]:
    """The current dataset and what is wrong with its source now (see package.dataset_and_problems).
    A database that stops answering keeps its last version serving what is cached; StoreUnavailable
    only when this process never read one."""
    chosen = setting()
    if not is_database(chosen):
        return package.dataset_and_problems(chosen)
    try:
        dataset = _dataset(chosen, _current_schema(chosen))
    except StoreUnavailable:
        if chosen in _LAST_GOOD:
            return _LAST_GOOD[chosen], []
        raise
    _LAST_GOOD[chosen] = dataset
    return dataset, []


_LAST_GOOD: dict[str, Dataset] = {}


def engine(chosen: str):
    """The pooled SQLAlchemy engine of Streamlit's SQL connection (one per process and setting)."""
    if chosen == "secrets":  # [connections.qinglian]: a `url`, or dialect, host, username, password, …
        # Read here and passed on, rather than left to st.connection: its URL then gets the same
        # read-only and pool settings as QINGLIAN_STORE's (and AppTest's secrets reach it).
        section = dict(st.secrets["connections"][CONNECTION])
        if "url" not in section:
            return st.connection(CONNECTION, type="sql", pool_pre_ping=True, **section).engine
        chosen = section["url"]
    url = chosen.replace("postgresql://", "postgresql+psycopg://", 1)
    if url.startswith("duckdb://"):  # replicas only read; a read-only file may be opened by many processes
        # A small buffer pool: a page asks for hundreds of rows, and a replica's memory stays under 300 MB.
        return st.connection(CONNECTION, type="sql", url=url, connect_args={
            "read_only": True, "config": {"memory_limit": "64MB", "threads": 1}}).engine
    # pre_ping: a connection broken by a database restart is replaced, not handed to a page.
    return st.connection(CONNECTION, type="sql", url=url, pool_size=5, max_overflow=5, pool_pre_ping=True,
                         connect_args={"connect_timeout": 3, "options": "-c statement_timeout=5000"}).engine


def query(chosen: str, sql: str, **params) -> pd.DataFrame:
    """One query with `:name` parameters (a list one after `IN`); a database that does not answer raises
    StoreUnavailable. Values are bound by the driver, never written into the text."""
    try:
        with engine(chosen).connect() as connection:
            if connection.dialect.driver not in NATIVE:  # another driver named in secrets.toml
                lists = [bindparam(name, expanding=True) for name, value in params.items() if isinstance(value, list)]
                return pd.read_sql_query(text(sql).bindparams(*lists), connection, params=params or None)
            # The pooled connection's own driver: a page's few thousand rows come back 2x faster than
            # through SQLAlchemy's rows (measured, 3,240 facts: DuckDB 12.5 → 4.7 ms, PostgreSQL 11.8 → 6.4 ms).
            in_list, named = NATIVE[connection.dialect.driver]
            cursor = connection.connection.driver_connection.execute(NAMED.sub(named, IN_LIST.sub(in_list, sql)), params)
            if connection.dialect.driver == "duckdb_engine":
                return cursor.df()
            return pd.DataFrame(cursor.fetchall(), columns=[column.name for column in cursor.description])
    except (SQLAlchemyError, pd.errors.DatabaseError, duckdb.Error, psycopg.Error) as error:
        raise StoreUnavailable(str(error).splitlines()[0]) from error


@st.cache_resource(show_spinner=False, ttl=VERSION_TTL, max_entries=4)
def _current_schema(chosen: str) -> str:
    """The current version's schema, asked again after VERSION_TTL (a failure is not cached)."""
    found = query(chosen, CURRENT)
    if found.empty or not SCHEMA.fullmatch(str(found.iloc[0, 0])):
        raise StoreUnavailable("no version has been published to this database yet (python -m dashboard.publish)")
    return str(found.iloc[0, 0])


@st.cache_resource(show_spinner=False, max_entries=2)
def _dataset(chosen: str, schema: str) -> Dataset:
    """One published version: its small tables read whole, its facts left where they are."""
    tables = {name: typed(query(chosen, f'SELECT * FROM {schema}."{name}"'), name)
              for name in package.TABLES if name != "facts"}
    digest = hashlib.blake2b(chosen.encode(), digest_size=6).hexdigest()
    return Dataset(SqlFacts(chosen, schema), **tables, version=f"{digest}:{schema}")


def typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """As the package reader types a table: text '' for empty, dates as datetimes, values as floats."""
    dates = DATE_COLUMNS.get(name, ())
    for column in frame.columns:
        if column in dates:
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")  # as read from CSV
        elif pd.api.types.is_datetime64_any_dtype(frame[column]):  # a date the package reader keeps as text
            frame[column] = frame[column].dt.strftime("%Y-%m-%d").fillna("")
        elif column == "value":
            frame[column] = pd.to_numeric(frame[column]).astype(float)
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame


class SqlFacts:
    """The facts of one published version, asked in SQL: `FrameFacts`' five questions, pushed down.

    Every value travels as a bound parameter; the only names put into the text are the version's
    schema (checked against SCHEMA) and column names from FACT_COLUMNS.
    """

    def __init__(self, chosen: str, schema: str):
        assert SCHEMA.fullmatch(schema), schema
        self.chosen, self.table = chosen, f"{schema}.facts"

    def rows(self, regions=None, indicators=None, in_sectors: bool = False) -> pd.DataFrame:
        where, params = ["sector <> ''"] if in_sectors else [], {}
        for column, values in (("region", regions), ("indicator", indicators)):
            if values is not None:
                where.append(f"{column} IN :{column}")
                params[column] = [str(v) for v in dict.fromkeys(values)]
        sql = f"SELECT * FROM {self.table}" + (" WHERE " + " AND ".join(where) if where else "")
        return typed(query(self.chosen, sql, **params), "facts")

    def by_id(self, fact_id: str) -> pd.DataFrame:
        return typed(query(self.chosen, f"SELECT * FROM {self.table} WHERE fact_id = :fact_id", fact_id=str(fact_id)),
                     "facts")

    def values(self, column: str) -> list:
        if column not in FACT_COLUMNS:
            raise ValueError(f"facts have no column {column!r}")
        return query(self.chosen, f"SELECT DISTINCT {column} FROM {self.table}").iloc[:, 0].tolist()

    @cached_property
    def _count(self) -> int:  # a version never changes: asked once
        return int(query(self.chosen, f"SELECT count(*) FROM {self.table}").iloc[0, 0])

    def count(self) -> int:
        return self._count

    def counts(self, regions=None) -> pd.DataFrame:
        if regions is None:
            return query(self.chosen, f"SELECT indicator, region, count(*) AS n FROM {self.table} GROUP BY indicator, region")
        return query(self.chosen, f"SELECT indicator, region, count(*) AS n FROM {self.table} WHERE region IN :regions "
                     "GROUP BY indicator, region", regions=[str(r) for r in regions])


def available() -> bool:
    """Whether the store answers now (a page waiting on it polls this)."""
    chosen = setting()
    if not is_database(chosen):
        return True
    try:
        query(chosen, "SELECT 1")
        return True
    except StoreUnavailable:
        return False
