"""The environment settings, in one place: which package or database the app reads, how often it
asks a database for its current version, and where readers report an error."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PACKAGE = REPO / "data" / "datapackage.json"

PACKAGE_ENV = "QINGLIAN_DATA"  # another package (a benchmark's, a test's) without touching code
# A database a package was published to (storing/serving.py). Unset, the section of this name in
# .streamlit/secrets.toml ([connections.qinglian]) names one; it is also its st.connection's name.
STORE_ENV, CONNECTION = "QINGLIAN_STORE", "qinglian"
TTL_ENV = "QINGLIAN_VERSION_TTL"  # seconds between asks for a database's current version (default 30)
REPORT_ENV = "QINGLIAN_REPORT_URL"  # a new-issue URL or mailto: address; unset, no "report an error" link
# The editor app's allow-list (dashboard/edit.py): identities (the provider's email, else its subject)
# separated by commas or spaces. Anyone else who signs in is told they are not an editor.
EDITORS_ENV = "QINGLIAN_EDITORS"
# Megabytes a replica keeps of computed sections, packed (reading/section_cache.py); sized in BENCHMARKS.md (#32).
SECTION_CACHE_ENV, SECTION_CACHE_MB = "QINGLIAN_SECTION_CACHE_MB", 4


def package_path() -> Path:
    return Path(os.environ.get(PACKAGE_ENV) or DEFAULT_PACKAGE)


def store_setting() -> str:
    """QINGLIAN_STORE as set, or '' (then secrets.toml or the package decides: storing/serving.py)."""
    return os.environ.get(STORE_ENV, "").strip()


def version_ttl() -> float:
    return float(os.environ.get(TTL_ENV) or 30)


def section_cache_bytes() -> int:
    return int(float(os.environ.get(SECTION_CACHE_ENV) or SECTION_CACHE_MB) * 2**20)


def report_url() -> str:
    return os.environ.get(REPORT_ENV, "").strip()


def editors() -> frozenset[str]:
    """The identities allowed to edit, lower-cased; empty: nobody (a provider alone lets no one in)."""
    return frozenset(name.lower() for name in os.environ.get(EDITORS_ENV, "").replace(",", " ").split())


# Database URLs as SQLAlchemy reads them: duckdb:///relative.duckdb, duckdb:////absolute.duckdb.
DUCKDB_PREFIX = "duckdb:///"
DATABASE_PREFIXES = ("duckdb://", "postgresql://", "postgresql+psycopg://")


def is_duckdb(url: str) -> bool:
    return url.startswith("duckdb:")


def duckdb_file(url: str) -> str:
    return url.removeprefix(DUCKDB_PREFIX)
