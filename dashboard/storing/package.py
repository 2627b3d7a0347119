"""The data package: read and validate it once per version of its files, serve it as a Dataset.

If the files on disk turn bad, the last good version keeps being served (`package_dataset_and_problems`);
only a process that never saw good data raises DataPackageError. What is wrong is said by
`problems.py`; a national-scale package is read by `large_package.py`.
"""
from __future__ import annotations

import gc
import hashlib
import stat
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.kernel.model import Dataset, typed
from dashboard.kernel.problems import DataPackageError, Problem, validate_package
from dashboard.kernel.schema import TABLES
from dashboard.kernel.settings import package_path
from dashboard.storing import large_package, ledger
from dashboard.storing.frame_facts import FrameFacts

# Facts' key columns repeat a few values over many rows: as categories each text is held once with a
# small code per row, so a national package takes ~80 MB less and selecting rows copies codes, not
# strings. Free text (fact_id, locator, note) stays text: in real data it hardly repeats.
CATEGORY_COLUMNS = ("indicator", "region", "sector", "qualifier", "unit", "unit_word", "source")


def read_package(path: Path) -> Dataset:
    """Validate, then read the package into typed DataFrames. Raises DataPackageError."""
    version = _version(path, package_fingerprint(Path(path)))
    if large_package.is_large(path):  # a national-scale package: vectorised checks, see large_package.py
        try:
            problems, tables = large_package.read_checked(Path(path))
        except large_package.NeedsReference:
            problems, tables = validate_package(path) or [Problem(Path(path).name, None, None, "a readable package", "unreadable")], {}
        if problems:
            raise DataPackageError(Path(path), problems)
        return _dataset(large_package.typed_tables(tables), version, Path(path).parent)
    problems = validate_package(path)
    if problems:
        raise DataPackageError(Path(path), problems)
    folder = Path(path).parent
    tables = {}
    for name in TABLES:
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
        tables[name] = typed(frame, name)
    return _dataset(tables, version, folder)


def _dataset(tables: dict[str, pd.DataFrame], version: str, folder: Path) -> Dataset:
    """The checked, typed tables as a Dataset: the one place where both readers end."""
    facts = tables["facts"]
    for column in CATEGORY_COLUMNS:
        facts[column] = facts[column].astype("category")
    return Dataset(FrameFacts(facts), **{name: tables[name] for name in TABLES if name != "facts"}, version=version,
                   **record_tables(folder))


def record_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The package's changes (newest first) and revisions (oldest first); none in a package without them."""
    read = {}
    for name, frame in (("changes", ledger.change_frame), ("revisions", ledger.revision_frame)):
        path = Path(folder) / f"{name}.csv"
        rows = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8") if path.exists() else []
        read[name] = frame(rows)
    return read


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


def package_dataset_and_problems(path: str | None = None) -> tuple[Dataset, list[Problem]]:
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
    return package_dataset_and_problems(path)[0]


def package_problems(path: str | None = None) -> list[Problem]:
    """What is wrong with the package on disk now; empty when it is valid."""
    path = str(path or package_path())
    result = _read_cached(path, package_fingerprint(Path(path)))
    return result.problems if isinstance(result, DataPackageError) else []
