"""The data package: read and validate it once per version of its files, serve it as a Dataset.

If the files on disk turn bad, the last good version keeps being served (`dataset_and_problems`);
only a process that never saw good data raises DataPackageError. What is wrong is said by
`problems.py`; a national-scale package is read by `storage.py`.
"""
from __future__ import annotations

import gc
import hashlib
import io
import os
import stat
import uuid
import zipfile
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import storage
from dashboard.problems import DataPackageError, Problem, validate_package

DEFAULT_PACKAGE = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"
# Point the dashboard at another package (e.g. a benchmark one) without touching code.
PACKAGE_ENV = "QINGLIAN_DATA"
# Or at a database a package was published to (store.py, database.py), and the name of its section in
# .streamlit/secrets.toml ([connections.qinglian]), which is also its st.connection's name.
STORE_ENV, CONNECTION = "QINGLIAN_STORE", "qinglian"

TABLES = ("facts", "events", "indicators", "regions", "sectors", "sources")
DATE_COLUMNS = {"facts": ("period_start", "period_end"), "events": ("date",), "sources": ("date",)}
# Facts' key columns repeat a few values over many rows: as categories each text is held once with a
# small code per row, so a national package takes ~80 MB less and selecting rows copies codes, not
# strings. Free text (fact_id, locator, note) stays text: in real data it hardly repeats.
CATEGORY_COLUMNS = ("indicator", "region", "sector", "qualifier", "unit", "source")


class FrameFacts:
    """The facts in memory (the package store), answering the questions `queries.py` asks of facts.

    Those five methods are all any page asks; `database.SqlFacts` answers the same ones in SQL, so a
    database store never holds every fact in a replica's memory. Results come in no set order:
    callers sort.
    """

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    @cached_property
    def _region_rows(self) -> dict[str, np.ndarray]:
        # One pass per dataset; then a district's facts cost what that district holds (profiled: at
        # national scale each region filter scanned a million rows, 50-100 ms, several per rerun).
        return self.frame.groupby("region", sort=False, observed=True).indices

    def rows(self, regions=None, indicators=None, in_sectors: bool = False) -> pd.DataFrame:
        """The facts of `regions` (codes) and/or `indicators` (ids), only those naming a sector if
        `in_sectors`; all of them without any."""
        facts = self.frame
        if regions is not None:  # regions first, through the index: a million rows are never scanned
            found = [self._region_rows[code] for code in dict.fromkeys(regions) if code in self._region_rows]
            facts = facts.iloc[np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)]
        if indicators is not None:
            facts = facts[facts["indicator"].isin(list(indicators))]
        return facts[facts["sector"] != ""] if in_sectors else facts

    def by_id(self, fact_id: str) -> pd.DataFrame:
        return self.frame[self.frame["fact_id"] == fact_id]

    def values(self, column: str) -> list:
        """The distinct values of one column. Pass these, not the column, to `isin`: pandas turns an
        Arrow-backed column into a list of Python strings first (profiled: 7 s and ~300 MB for a
        million facts, on the first visit to each page)."""
        return self.frame[column].unique().tolist()

    def count(self) -> int:
        return len(self.frame)

    def counts(self, regions=None) -> pd.DataFrame:
        """How many facts each (indicator, region) has, of `regions` or all: columns indicator, region, n."""
        facts = self.rows(regions)[["indicator", "region"]]
        counts = facts.groupby(["indicator", "region"], observed=True).size().reset_index(name="n")
        return counts.astype({"indicator": str, "region": str})


@dataclass(frozen=True)
class Dataset:
    """The package's tables and its facts' store. Read-only: one object serves every session.

    `store` holds the facts: in memory (`FrameFacts`) or in a database (`database.SqlFacts`); the
    five smaller tables are always frames. `version` names this content (the package's path and its
    files' sizes and times, or the database's published version): Streamlit's caches key on it
    (`HASH_FUNCS`), so a result is never served for another version's tables.
    """

    store: FrameFacts
    events: pd.DataFrame
    indicators: pd.DataFrame
    regions: pd.DataFrame
    sectors: pd.DataFrame
    sources: pd.DataFrame
    version: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def facts(self) -> pd.DataFrame:
        """Every fact as one frame: the package store only (tests, benchmarks, the /add page's checks)."""
        return self.store.frame

    def with_tables(self, **tables: pd.DataFrame) -> Dataset:
        """A copy with some tables replaced, as a new version (tests and benchmarks build these)."""
        facts = tables.pop("facts", None)
        kept = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "version"} | tables
        return Dataset(**kept | ({"store": FrameFacts(facts)} if facts is not None else {}))


# Streamlit hashes a cached function's arguments; a Dataset counts by its version, never by content.
HASH_FUNCS = {Dataset: lambda ds: ds.version}


def package_path() -> Path:
    return Path(os.environ.get(PACKAGE_ENV) or DEFAULT_PACKAGE)


def read_package(path: Path) -> Dataset:
    """Validate, then read the package into typed DataFrames. Raises DataPackageError."""
    version = _version(path, package_fingerprint(Path(path)))
    if storage.is_large(path):  # a national-scale package: vectorised checks, see storage.py
        try:
            problems, tables = storage.read_checked(Path(path))
        except storage.NeedsReference:
            problems, tables = validate_package(path) or [Problem(Path(path).name, None, None, "a readable package", "unreadable")], {}
        if problems:
            raise DataPackageError(Path(path), problems)
        return _dataset(storage.typed(tables, DATE_COLUMNS), version)
    problems = validate_package(path)
    if problems:
        raise DataPackageError(Path(path), problems)
    folder = Path(path).parent
    tables = {}
    for name in TABLES:
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
        for column in DATE_COLUMNS.get(name, ()):
            frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d")
        if name == "facts":
            frame["value"] = pd.to_numeric(frame["value"]).astype(float)
        tables[name] = frame
    return _dataset(tables, version)


def _dataset(tables: dict[str, pd.DataFrame], version: str) -> Dataset:
    """The checked, typed tables as a Dataset: the one place where both readers end."""
    facts = tables["facts"]
    for column in CATEGORY_COLUMNS:
        facts[column] = facts[column].astype("category")
    return Dataset(FrameFacts(facts), **{name: tables[name] for name in TABLES if name != "facts"}, version=version)


def package_fingerprint(path: Path) -> tuple:
    """Size and modification time of every file beside the descriptor: cheap to take on each rerun."""
    folder = Path(path).parent
    try:
        stats = [(f.name, f.stat()) for f in folder.iterdir()]
        return tuple(sorted((name, info.st_size, info.st_mtime_ns) for name, info in stats if stat.S_ISREG(info.st_mode)))
    except OSError:
        return ()


def _version(path: Path, fingerprint: tuple) -> str:
    return hashlib.blake2b(repr((str(Path(path).resolve()), fingerprint)).encode(), digest_size=12).hexdigest()


# The last package that validated, per path: served while the files on disk are broken.
_LAST_GOOD: dict[str, Dataset] = {}


@st.cache_resource(show_spinner=False, max_entries=4)
def _read_cached(path: str, fingerprint: tuple) -> Dataset | DataPackageError:
    """Read and validate once per version of the files; a failure is cached too, not retried per rerun."""
    gc.unfreeze()  # an older version may be on its way out: let the collector see it again
    try:
        return read_package(Path(path))
    except DataPackageError as error:
        return error
    finally:
        # The libraries and the dataset live as long as the process. Frozen, they are out of the
        # cyclic collector's way: a full collection during a rerun otherwise walks ~160,000
        # long-lived objects (88 ms, profiled), holding up the page it serves.
        gc.collect()
        gc.freeze()


def dataset_and_problems(path: str | None = None) -> tuple[Dataset, list[Problem]]:
    """The validated package and what is wrong with the files on disk now (empty when they are valid),
    from one look at the files. The last good version is served while the files are broken."""
    path = str(path or package_path())
    result = _read_cached(path, package_fingerprint(Path(path)))
    if isinstance(result, Dataset):
        _LAST_GOOD[path] = result
        return result, []
    if path in _LAST_GOOD:
        return _LAST_GOOD[path], result.problems
    raise result


def load_dataset(path: str | None = None) -> Dataset:
    """The validated package, read once per process (and again only when its files change)."""
    return dataset_and_problems(path)[0]


def package_problems(path: str | None = None) -> list[Problem]:
    """What is wrong with the package on disk now; empty when it is valid."""
    path = str(path or package_path())
    result = _read_cached(path, package_fingerprint(Path(path)))
    return result.problems if isinstance(result, DataPackageError) else []


def package_zip(path: str | None = None) -> bytes:
    """The whole data package (descriptor, CSVs, README) as one zip, rebuilt only when it changes."""
    path = Path(path) if path else package_path()
    return _zip_folder(str(path.parent), package_fingerprint(path))


@st.cache_resource(show_spinner=False, max_entries=2)
def _zip_folder(folder: str, fingerprint: tuple) -> bytes:
    return zip_package(Path(folder))


def zip_package(folder: Path, tables: dict[str, str] | None = None) -> bytes:
    """The package in `folder` (descriptor, CSVs, README) as a zip; `tables` replaces some CSVs' text
    (the /add page's updated package), and nothing is written."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(Path(folder).iterdir()):
            if file.suffix in {".json", ".csv", ".md"}:
                text = (tables or {}).get(file.stem) if file.suffix == ".csv" else None
                archive.writestr(f"qinglian-data/{file.name}", text if text is not None else file.read_bytes())
    return buffer.getvalue()
