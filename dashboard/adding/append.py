"""Reviewed rows into a data package: refuse duplicates and anything invalid, check the whole
package with the loader's own rules, then write atomically, or leave the files as they were.

Frictionless validates files (foreign keys need every table), so the updated package is first
written to a temporary folder, checked there and thrown away; only then are the package's own
files replaced, each by a rename. New regions (an area outside regions.csv, accepted by the reviewer)
are written first, then sources, then facts, so a failure between two leaves a valid package (a
region or source nobody cites yet), never a fact citing a missing one.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from dashboard.kernel.problems import Problem, validate_package

KEY = ("indicator", "region", "period_start", "period_end", "source")


def read_table(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(Path(folder) / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def current(folder: Path) -> dict[str, pd.DataFrame]:
    """The package's regions, sources and facts as they are now, read once for a check or a write."""
    return {name: read_table(folder, name) for name in ("regions", "sources", "facts")}


def merged(now: dict[str, pd.DataFrame], facts: pd.DataFrame, sources: pd.DataFrame | None = None,
           regions: pd.DataFrame | None = None) -> dict[str, str]:
    """The text of facts.csv and sources.csv with the new rows added (in the package's columns), and of
    regions.csv when there are new regions. A source or region the package already has is not added again."""
    new_rows = {"sources": None if sources is None else sources[~sources["id"].isin(now["sources"]["id"])],
                "regions": None if regions is None else regions[~regions["code"].isin(now["regions"]["code"])],
                "facts": facts}
    tables = {}
    for name, old in now.items():  # regions, then sources, then facts: see the module's note
        new = new_rows[name]
        if name == "regions" and (new is None or not len(new)):
            continue  # unchanged: not rewritten
        if new is not None and len(new):
            old = pd.concat([old, new.reindex(columns=old.columns).fillna("").astype(str)], ignore_index=True)
        tables[name] = _csv_text(old)
    return tables


def check(folder: Path, facts: pd.DataFrame, sources: pd.DataFrame | None = None,
          now: dict[str, pd.DataFrame] | None = None, regions: pd.DataFrame | None = None,
          changed_only: bool = False) -> list[Problem]:
    """Everything that stops these rows joining the package at `folder`; empty when they may.
    A problem's row is the line in the new facts.csv/sources.csv; `duplicates` names the old fact.
    `changed_only` validates only the tables the rows change, for a package already validated when it
    was read (as /add's is): added rows cannot break another table (no table's key can go missing), and
    the others (the gazetteer, the phrasings, …) are 60 % of a whole validation, each time /add's review changes."""
    now = now or current(folder)
    problems = duplicates(now["facts"], facts)
    with tempfile.TemporaryDirectory(prefix="qinglian-check-") as scratch:
        _copy_package(folder, Path(scratch))
        tables = merged(now, facts, sources, regions)
        for name, text in tables.items():
            (Path(scratch) / f"{name}.csv").write_text(text, encoding="utf-8")
        problems += validate_package(Path(scratch) / "datapackage.json", frozenset(tables) if changed_only else None)
    return problems


def duplicates(old: pd.DataFrame, facts: pd.DataFrame) -> list[Problem]:
    """A problem per new row whose indicator, area, period and source the package's facts (`old`) or
    an earlier new row already have."""
    seen = {tuple(row): fact_id for row, fact_id in zip(old[list(KEY)].itertuples(index=False), old["fact_id"])}
    problems = []
    for index, row in enumerate(facts.reindex(columns=[*KEY, "fact_id"]).fillna("").astype(str).itertuples(index=False)):
        key = tuple(row[:len(KEY)])
        line = len(old) + index + 2  # its line in the new facts.csv (the header is line 1)
        if key in seen:
            problems.append(Problem("facts.csv", line, ", ".join(KEY), "a figure not yet in the package",
                                    f"the same indicator, area, period and source as {seen[key]!r}"))
        else:
            seen[key] = row[-1]
    return problems


def append(folder: Path, facts: pd.DataFrame, sources: pd.DataFrame | None = None,
           regions: pd.DataFrame | None = None) -> list[Problem]:
    """Add the rows (and the new regions they name) to the package at `folder`; returns the problems
    and writes nothing if any."""
    now = current(folder)
    problems = check(folder, facts, sources, now, regions)
    if problems:
        return problems
    for name, text in merged(now, facts, sources, regions).items():  # regions first: see the module's note
        _replace(Path(folder) / f"{name}.csv", text)
    return []


def _csv_text(frame: pd.DataFrame) -> str:
    """CSV as data/README.md prescribes: UTF-8, commas, \\n, quoted only when needed."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def _copy_package(folder: Path, to: Path) -> None:
    for file in Path(folder).iterdir():
        if file.suffix in {".json", ".csv"}:
            shutil.copy(file, to / file.name)


def _replace(path: Path, text: str) -> None:
    """Write beside the file, flush to disk, then rename over it: a reader sees old or new, never half."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
