"""The model every wing shares: a `Dataset` (the package's tables and its facts' store), the `Facts`
protocol both stores answer, and the one typing of columns every reader applies.

Pages never read the facts table itself: `storing/queries.py` asks a store the five questions of
`Facts`. `storing/frame_facts.FrameFacts` answers them from memory (the package store) and
`storing/database.SqlFacts` in SQL from one published version; tests/storing/test_model.py checks
that both implement the protocol. Importing this module loads pandas only.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Protocol, runtime_checkable

import numpy as np
import pandas as pd

from dashboard.kernel.schema import DATE_COLUMNS, NUMBER_COLUMNS, columns


@runtime_checkable
class Facts(Protocol):
    """The facts of one version of the data, asked only these questions. Results come in no set order:
    callers sort. A new question means a method here, on both stores, and a test that they agree."""

    def rows(self, regions: Iterable[str] | None = None, indicators: Iterable[str] | None = None,
             in_sectors: bool = False) -> pd.DataFrame:
        """The facts of `regions` (codes) and/or `indicators` (ids), only those naming a sector if
        `in_sectors`; all of them without any."""

    def by_id(self, fact_id: str) -> pd.DataFrame:
        """The fact with this id (no row when there is none)."""

    def values(self, column: str) -> list:
        """The distinct values of one column."""

    def count(self) -> int:
        """How many facts there are."""

    def counts(self, regions: Iterable[str] | None = None) -> pd.DataFrame:
        """How many facts each (indicator, region) has, of `regions` or all: columns indicator, region, n."""


@dataclass(frozen=True)
class Dataset:
    """The package's tables and its facts' store. Read-only: one object serves every session.

    `store` holds the facts (in memory or in a database); the five smaller tables are always frames.
    `version` names this content (a package's path and its files' sizes and times, or a database's
    published version): Streamlit's caches key on it (`HASH_FUNCS`), so a result is never served for
    another version's tables.
    """

    store: Facts
    events: pd.DataFrame
    indicators: pd.DataFrame
    regions: pd.DataFrame
    sectors: pd.DataFrame
    sources: pd.DataFrame
    version: str = field(default_factory=lambda: uuid.uuid4().hex)
    # The change record up to this version (storing/changes.py): a version never changes, so neither do they.
    changes: pd.DataFrame = field(default_factory=lambda: empty_record("changes"))
    revisions: pd.DataFrame = field(default_factory=lambda: empty_record("revisions"))

    @property
    def facts(self) -> pd.DataFrame:
        """Every fact as one frame: the package store only (tests and benchmarks)."""
        frame = getattr(self.store, "frame", None)
        if frame is None:
            raise TypeError("a database store does not hold every fact in memory: ask ds.store")
        return frame

    def with_tables(self, **tables) -> Dataset:
        """A copy with some tables (or `store`) replaced, as a new version (tests and benchmarks build these)."""
        kept = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "version"}
        return Dataset(**kept | tables)


def empty_record(table: str) -> pd.DataFrame:
    """No change records yet: the table's columns, no rows."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in columns(table)})


# Streamlit hashes a cached function's arguments; a Dataset counts by its version, never by content.
HASH_FUNCS = {Dataset: lambda ds: ds.version}


def typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A table as every store serves it, whatever read it (CSV text, Arrow, a database's rows): its
    date columns (kernel/schema.DATE_COLUMNS) as datetime64[us] with NaT for empty, its numbers as
    floats, and empty text as ''. Changes and returns `frame`."""
    for column in DATE_COLUMNS.get(table, ()):
        if column in frame:
            frame[column] = parse_dates(frame[column])
    for column in NUMBER_COLUMNS.get(table, ()):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column]).astype(float)
    return frame


def parse_dates(column: pd.Series) -> pd.Series:
    """ISO dates (text, or a database's dates); empty as NaT. Each distinct value is parsed once: a
    million facts share a few dozen dates."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.astype("datetime64[us]")
    codes, uniques = pd.factorize(column)  # missing: code -1
    texts = pd.Series(uniques, dtype=object).astype(str)
    strict = texts.str.fullmatch(r"\d{4}-\d{2}-\d{2}").to_numpy(dtype=bool)
    parsed = pd.to_datetime(texts.where(strict), format="%Y-%m-%d", errors="coerce")
    values = np.append(parsed.to_numpy(dtype="datetime64[us]"), np.datetime64("NaT", "us"))  # code -1: missing
    return pd.Series(values[codes], index=column.index, name=column.name)
