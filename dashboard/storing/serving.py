"""Where the replicas read their data: the package (the default) or a database (`QINGLIAN_STORE`).

`QINGLIAN_STORE` is a `datapackage.json` path, `duckdb:///path/file.duckdb` (embedded: a national
package on one machine) or `postgresql://user@host/db` (hosted: one database behind every replica).
Unset, a `[connections.qinglian]` section in .streamlit/secrets.toml names the database, and
without one the bundled package is read, as before. Passwords come from secrets.toml or the
environment (PGPASSWORD), never from code or a page's address. How a database is read:
`database.py`, imported only when one is chosen (its drivers take ~65 MB a process).
"""
from __future__ import annotations

import streamlit as st

from dashboard.kernel.model import Dataset
from dashboard.kernel.problems import Problem, StoreUnavailable
from dashboard.kernel.settings import CONNECTION, DATABASE_PREFIXES, package_path, store_setting
from dashboard.storing import package, zips


def setting() -> str:
    """The store this process reads: a package path, a database URL, or 'secrets'."""
    chosen = store_setting()
    if chosen:
        return chosen
    try:
        return "secrets" if CONNECTION in st.secrets.get("connections", {}) else str(package_path())
    except FileNotFoundError:  # no secrets.toml at all
        return str(package_path())


def is_database(chosen: str) -> bool:
    return chosen == "secrets" or chosen.startswith(DATABASE_PREFIXES)


def dataset_and_problems() -> tuple[Dataset, list[Problem]]:
    """The current dataset and what is wrong with its source now (see package.package_dataset_and_problems).
    A database that stops answering keeps its last version serving what is cached; StoreUnavailable
    only when this process never read one."""
    chosen = setting()
    if not is_database(chosen):
        return package.package_dataset_and_problems(chosen)
    from dashboard.storing import database  # here, not above: the package store never loads database drivers

    try:
        dataset = database.published_dataset(chosen)
    except StoreUnavailable:
        if chosen in _LAST_GOOD:
            return _LAST_GOOD[chosen], []
        raise
    _LAST_GOOD[chosen] = dataset
    return dataset, []


_LAST_GOOD: dict[str, Dataset] = {}


def available() -> bool:
    """Whether the store answers now (a page waiting on it polls this)."""
    chosen = setting()
    if not is_database(chosen):
        return True
    from dashboard.storing import database

    return database.answers(chosen)


def served_zip(dataset: Dataset) -> bytes:
    """The data being served as one zip: the package's files, or the database version `dataset` reads."""
    chosen = setting()
    if not is_database(chosen):
        return zips.package_folder_zip(chosen)
    from dashboard.storing import database

    return database.version_zip(chosen, dataset.store.schema)
