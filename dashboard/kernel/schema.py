"""The data contract, read from `data/datapackage.json`: tables, their columns in order, column types,
enums. Code that needs a column list or the allowed values of a coded column asks here, so the
schema is said once, in the descriptor Frictionless checks the data against."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from dashboard.kernel.settings import DEFAULT_PACKAGE

# The tables a Dataset holds (phrasings.csv is the extractor's, read by the adding wing).
TABLES = ("facts", "events", "indicators", "regions", "sectors", "sources")
# The change record (storing/changes.py): who changed which figure when. Rows are only ever added;
# a package without them (an older one) reads as having none.
RECORD_TABLES = ("changes", "revisions")


@lru_cache(maxsize=4)
def _resources(descriptor: str) -> dict[str, dict]:
    return {r["name"]: r for r in json.loads(Path(descriptor).read_text(encoding="utf-8"))["resources"]}


def _fields(table: str, descriptor: Path | None) -> list[dict]:
    return _resources(str(descriptor or DEFAULT_PACKAGE))[table]["schema"]["fields"]


def licences(descriptor: Path | None = None) -> tuple[dict, ...]:
    """The package's licences as datapackage.json declares them: name, title, path (an address)."""
    text = Path(descriptor or DEFAULT_PACKAGE).read_text(encoding="utf-8")
    return tuple(json.loads(text).get("licenses", ()))


def columns(table: str, descriptor: Path | None = None) -> tuple[str, ...]:
    """The table's columns in the descriptor's order (= the CSV's)."""
    return tuple(field["name"] for field in _fields(table, descriptor))


def columns_of_type(table: str, kind: str, descriptor: Path | None = None) -> tuple[str, ...]:
    """The table's columns of a Table Schema type ('date', 'number', 'string')."""
    return tuple(field["name"] for field in _fields(table, descriptor) if field["type"] == kind)


def enums(table: str, descriptor: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Every coded column of the table and its allowed values, in the descriptor's order."""
    return {field["name"]: tuple(field["constraints"]["enum"]) for field in _fields(table, descriptor)
            if "enum" in field.get("constraints", {})}


def enum(table: str, column: str, descriptor: Path | None = None) -> tuple[str, ...]:
    return enums(table, descriptor)[column]


# sources.retrieved is a date in the schema, but a retrieval record is shown as written: it stays text.
_KEPT_AS_TEXT = {"retrieved"}
DATE_COLUMNS = {table: dates for table in TABLES
                if (dates := tuple(c for c in columns_of_type(table, "date") if c not in _KEPT_AS_TEXT))}
NUMBER_COLUMNS = {table: columns_of_type(table, "number") for table in TABLES if columns_of_type(table, "number")}
FACT_COLUMNS = columns("facts")
SOURCE_COLUMNS = columns("sources")
QUALIFIERS = enum("facts", "qualifier")
UNITS = enum("facts", "unit")
SOURCE_KINDS = enum("sources", "kind")
