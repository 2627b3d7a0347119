"""Load and validate the data package once per process; serve tidy DataFrames.

Validation uses Frictionless (the same library that reads `data/datapackage.json`), so
the schema lives in one place and other tools can check the package with
`frictionless validate data/datapackage.json`. Two things Frictionless cannot say
in a Table Schema are added as checks here: period order (a row constraint) and the
byte-order mark, which Frictionless strips silently but other readers trip over.
"""
from __future__ import annotations

import csv
import gc
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from frictionless import Checklist, Package, checks

from dashboard import storage
from dashboard.memo import memoized

DEFAULT_PACKAGE = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"
# Point the dashboard at another package (e.g. a benchmark one) without touching code.
PACKAGE_ENV = "QINGLIAN_DATA"

TABLES = ("facts", "events", "indicators", "regions", "sectors", "sources")
DATE_COLUMNS = {"facts": ("period_start", "period_end"), "events": ("date",), "sources": ("date",)}
ROW_CHECKS = {"facts": "period_start <= period_end"}
BOM = b"\xef\xbb\xbf"
# Frictionless's header and extra-cell errors grow with the square of a row's width: refuse a far wider row first.
MAX_EXTRA_CELLS = 100
FOUND_CHARS = 200  # a problem quotes at most this much of the offending cell
# Facts' key columns repeat a few values over many rows: as categories each text is held once with a
# small code per row, so a national package takes ~80 MB less and selecting rows copies codes, not
# strings. Free text (fact_id, locator, note) stays text: in real data it hardly repeats.
CATEGORY_COLUMNS = ("indicator", "region", "sector", "qualifier", "unit", "source")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the package, located as a person would look for it."""

    file: str
    row: int | None  # line in the file; the header is line 1
    column: str | None
    expected: str
    found: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: expected {self.expected}; found {self.found}"


class DataPackageError(Exception):
    """The package is invalid; `problems` lists everything found, not just the first."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"The data package {path} has {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class Dataset:
    """The six tables of the package. Treat as read-only: it is shared by all sessions."""

    facts: pd.DataFrame
    events: pd.DataFrame
    indicators: pd.DataFrame
    regions: pd.DataFrame
    sectors: pd.DataFrame
    sources: pd.DataFrame


def package_path() -> Path:
    return Path(os.environ.get(PACKAGE_ENV) or DEFAULT_PACKAGE)


def validate_package(path: Path) -> list[Problem]:
    """Every problem in the package at `path`, empty when it is valid."""
    try:
        package = Package(str(path))
    except Exception as error:  # Frictionless raises on unreadable or malformed JSON
        return [Problem(Path(path).name, None, None, "a readable Frictionless datapackage.json", _short(error))]
    too_wide = _too_wide_files(package, Path(path).parent)
    if too_wide:  # other tables look rows up in these (foreign keys), just as slowly: stop here
        return too_wide
    problems: list[Problem] = []
    for resource in package.resources:
        file = resource.path
        raw = _read_bytes(Path(path).parent / file)
        if raw is None:
            problems.append(Problem(file, None, None, "the file to exist", "no such file"))
            continue
        if raw.startswith(BOM):
            first = resource.schema.field_names[0] if resource.schema.fields else None
            problems.append(Problem(file, 1, first, "UTF-8 without a byte-order mark", "a UTF-8 BOM (EF BB BF) before the header"))
            continue
        rule = ROW_CHECKS.get(resource.name)
        checklist = Checklist(checks=[checks.row_constraint(formula=rule)]) if rule else None
        report = resource.validate(checklist=checklist) if checklist else resource.validate()
        for task in report.tasks:
            problems.extend(_problem(file, error, resource, raw) for error in task.errors)
    # A duplicate id is both a unique-error and a primary-key error: say it once.
    return list(dict.fromkeys(problems, None)) if problems else problems


def read_package(path: Path) -> Dataset:
    """Validate, then read the package into typed DataFrames. Raises DataPackageError."""
    if storage.is_large(path):  # a national-scale package: vectorised checks, see storage.py
        try:
            problems, tables = storage.read_checked(Path(path), ROW_CHECKS, Problem)
        except storage.NeedsReference:
            problems, tables = validate_package(path) or [Problem(Path(path).name, None, None, "a readable package", "unreadable")], {}
        if problems:
            raise DataPackageError(Path(path), problems)
        return _dataset(storage.typed(tables, DATE_COLUMNS))
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
    return _dataset(tables)


def _dataset(tables: dict[str, pd.DataFrame]) -> Dataset:
    """The checked, typed tables as a Dataset: the one place where both readers end."""
    facts = tables["facts"]
    for column in CATEGORY_COLUMNS:
        facts[column] = facts[column].astype("category")
    return Dataset(**tables)


# The last package that validated, per path: served while the files on disk are broken.
_LAST_GOOD: dict[str, Dataset] = {}


def package_fingerprint(path: Path) -> tuple:
    """Size and modification time of every file beside the descriptor: cheap to take on each rerun."""
    folder = Path(path).parent
    try:
        stats = [(f.name, f.stat()) for f in folder.iterdir()]
        return tuple(sorted((name, info.st_size, info.st_mtime_ns) for name, info in stats if stat.S_ISREG(info.st_mode)))
    except OSError:
        return ()


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


def load_dataset(path: str | None = None) -> Dataset:
    """The validated package, read once per process (and again only when its files change).

    If the files on disk turn bad, the last good version keeps being served (see
    `package_problems`); only a process that never saw good data raises DataPackageError.
    """
    return dataset_and_problems(path)[0]


def dataset_and_problems(path: str | None = None) -> tuple[Dataset, list[Problem]]:
    """`load_dataset` and `package_problems` from one look at the files (the sidebar needs both on every rerun)."""
    path = str(path or package_path())
    result = _read_cached(path, package_fingerprint(Path(path)))
    if isinstance(result, Dataset):
        _LAST_GOOD[path] = result
        return result, []
    if path in _LAST_GOOD:
        return _LAST_GOOD[path], result.problems
    raise result


def package_problems(path: str | None = None) -> list[Problem]:
    """What is wrong with the package on disk now; empty when it is valid."""
    path = str(path or package_path())
    result = _read_cached(path, package_fingerprint(Path(path)))
    return result.problems if isinstance(result, DataPackageError) else []


# ---- query helpers: plain functions of a Dataset, so pages hold no pandas ----

def facts_with_labels(ds: Dataset, facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Facts (all, or the given subset) joined with their indicator's topic and labels."""
    indicators = ds.indicators.rename(columns={"id": "indicator"})
    facts = ds.facts if facts is None else facts
    return facts.merge(indicators, on="indicator", how="left", validate="many_to_one")


@memoized()
def headline_facts(ds: Dataset, region: str, topic: str = "enforcement") -> pd.DataFrame:
    """The region's latest figure of each indicator of one topic, in the indicators' order."""
    facts = facts_with_labels(ds, ds.facts.iloc[rows_of(ds, [region])])
    facts = facts[facts["topic"] == topic]
    latest = facts.sort_values(["period_end", "period_start"], ascending=False).drop_duplicates("indicator")
    order = {indicator: i for i, indicator in enumerate(ds.indicators["id"])}
    return latest.sort_values("indicator", key=lambda s: s.map(order)).reset_index(drop=True)


@memoized(1024)
def region_name(ds: Dataset, code: str, lang: str) -> str:
    row = ds.regions.loc[ds.regions["code"] == code]
    return code if row.empty else row.iloc[0][f"name_{lang}"]


@memoized(1024)
def indicator_label(ds: Dataset, indicator: str, lang: str) -> str:
    return ds.indicators.set_index("id").at[indicator, f"label_{lang}"]


@memoized(1024)
def source_record(ds: Dataset, source_id: str) -> dict:
    return ds.sources.set_index("id").loc[source_id].to_dict() | {"id": source_id}


# ---- turning Frictionless errors into sentences for people ----

def _problem(file: str, error, resource, raw: bytes) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None) or None
    cell = getattr(error, "cell", None)
    found = repr(cell) if cell not in (None, "") else ("an empty cell" if cell == "" else "")
    kind = error.type
    field = resource.schema.get_field(column) if column and resource.schema.has_field(column) else None
    if kind == "type-error" and field is not None:
        expected = f"a {field.type}" + (" as YYYY-MM-DD" if field.type == "date" else "")
    elif kind == "constraint-error":
        expected = _constraint_sentence(error.note, field)
    elif kind == "foreign-key":
        column, expected, found = _foreign_key_sentence(error, resource)
    elif kind in {"unique-error", "primary-key"}:
        column = column or ",".join(resource.schema.primary_key)
        value = found or repr(dict(zip(resource.schema.field_names, error.cells or [])).get(column, ""))
        expected, found = "a unique id", f"{value} again ({error.note})"
    elif kind == "missing-label":
        expected, found, row = f"a column named '{column}'", "no such column in the header", 1
    elif kind == "incorrect-label":
        position = getattr(error, "field_number", None)
        expected = f"a column named '{column}'" + (f" in position {position}" if position else "")
        found, row = f"{getattr(error, 'label', '')!r} there", 1
    elif kind in {"extra-label", "duplicate-label", "blank-label"}:
        expected, found, row = "the header of the schema", f"{kind.replace('-', ' ')} {getattr(error, 'label', '')!r}", 1
    elif kind in {"extra-cell", "missing-cell"}:
        expected = f"{len(resource.schema.fields)} cells, one per column"
        found = kind.replace("-", " ") + (f" {found}" if found else "")
    elif kind == "row-constraint":
        cells = dict(zip(resource.schema.field_names, error.cells or []))
        expected = ROW_CHECKS.get(resource.name, "").replace("<=", "on or before")
        found = f"period_start {cells.get('period_start')!r} after period_end {cells.get('period_end')!r}"
        column = "period_start, period_end"
    elif kind == "encoding-error":
        row, column = _locate_bad_byte(raw, resource)
        expected, found = "UTF-8 text", "bytes that are not UTF-8 (is the file saved as GBK/GB18030?)"
    elif kind == "source-error" and "empty" in error.note:
        expected, found, row = "a header row and data rows", "an empty file", 1
    else:
        expected, found = error.title.lower(), error.note or found
    found = found or "nothing"
    if len(found) > FOUND_CHARS:  # a 10 MB cell must not become a 10 MB message
        found = f"{found[:FOUND_CHARS]}… ({len(found)} characters)"
    return Problem(file, row, column, expected, found)


def _constraint_sentence(note: str, field) -> str:
    constraints = field.constraints if field is not None else {}
    for name, sentence in (
        ("enum", lambda v: "one of " + ", ".join(map(str, v))),
        ("maxLength", lambda v: f"at most {v} characters"),
        ("pattern", lambda v: f"text matching {v}"),
        ("required", lambda v: "a value (the column is required)"),
        ("unique", lambda v: "a unique value"),
    ):
        if f'"{name}"' in note and name in constraints:
            return sentence(constraints[name])
    return note


def _foreign_key_sentence(error, resource):
    for fk in resource.schema.foreign_keys:
        name = fk["fields"][0]
        if f'"{name}"' in error.note:
            target = fk["reference"]["resource"] or resource.name
            value = dict(zip(error.cells and resource.schema.field_names, error.cells or [])).get(name, "")
            return name, f"a value listed in {target}.csv column '{fk['reference']['fields'][0]}'", repr(value)
    return None, "a value that exists in the referenced table", error.note


def _locate_bad_byte(raw: bytes, resource) -> tuple[int | None, str | None]:
    """Line and column of the first byte that is not UTF-8, so a person can find it."""
    try:
        raw.decode("utf-8")
        return None, None
    except UnicodeDecodeError as bad:
        line_start = raw.rfind(b"\n", 0, bad.start) + 1
        cell_index = raw[line_start:bad.start].count(b",")
        names = resource.schema.field_names
        return raw.count(b"\n", 0, bad.start) + 1, names[cell_index] if cell_index < len(names) else None


def _too_wide_files(package, folder: Path) -> list[Problem]:
    """A problem per file with a row far wider than its schema (junk, a wrong delimiter)."""
    problems = []
    for resource in package.resources:
        wide = _too_wide_row(_read_bytes(folder / resource.path) or b"", len(resource.schema.fields))
        if wide:
            expected = f"at most {len(resource.schema.fields)} cells in a row"
            problems.append(Problem(resource.path, wide[0], None, expected, f"{wide[1]} cells"))
    return problems


def _too_wide_row(raw: bytes, fields: int) -> tuple[int, int] | None:
    """(line, cells) of the first row with far more cells than the schema has columns, else None."""
    limit = fields + MAX_EXTRA_CELLS
    lines = raw.split(b"\n")
    if all(line.count(b",") < limit for line in lines):
        return None  # the cheap test: no line even has that many commas
    try:  # count cells as CSV does, so commas inside quotes do not count
        rows = csv.reader(io.StringIO(raw.decode("utf-8", errors="replace"), newline=""))
        return next(((rows.line_num, len(row)) for row in rows if len(row) > limit), None)
    except csv.Error:  # e.g. a quote opened in junk and never closed: count commas instead
        return next((n + 1, line.count(b",") + 1) for n, line in enumerate(lines) if line.count(b",") >= limit)


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:200]


# ---- helpers the subject pages share ----

@memoized()
def topic_indicators(ds: Dataset, topic: str) -> pd.DataFrame:
    """Indicators of one topic that have at least one figure, in the indicators' order."""
    indicators = ds.indicators[ds.indicators["topic"] == topic]
    return indicators[indicators["id"].isin(facts_values(ds, "indicator"))].reset_index(drop=True)


@memoized(16)
def facts_values(ds: Dataset, column: str) -> list:
    """The distinct values of one facts column. Pass this, not the column, to `isin`: pandas turns
    an Arrow-backed column into a list of Python strings first (profiled: 7 s and ~300 MB for a
    million facts, on the first visit to each page)."""
    return ds.facts[column].unique().tolist()


@memoized()
def facts_for(ds: Dataset, *, indicators=None, regions=None, topic: str | None = None) -> pd.DataFrame:
    """Labelled facts filtered by indicator ids, region codes and/or topic, oldest first."""
    facts = ds.facts  # filter first, label after: the join then touches only the rows shown
    if regions is not None:  # regions first, through the index: a million rows are never scanned
        facts = facts.iloc[rows_of(ds, regions)]
    if indicators is not None:
        facts = facts[facts["indicator"].isin(list(indicators))]
    if topic is not None:
        facts = facts[facts["indicator"].isin(ds.indicators.loc[ds.indicators["topic"] == topic, "id"])]
    facts = facts_with_labels(ds, facts)
    return facts.sort_values(["period_end", "period_start", "fact_id"]).reset_index(drop=True)


def rows_of(ds: Dataset, regions) -> np.ndarray:
    """Positions in ds.facts of the facts of `regions`, in file order."""
    index = _region_rows(ds)
    found = [index[code] for code in dict.fromkeys(regions) if code in index]
    return np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)


@memoized(4)
def _region_rows(ds: Dataset) -> dict[str, np.ndarray]:
    # One pass per dataset; then a district's facts cost what that district holds (profiled: at
    # national scale each region filter scanned a million rows, 50-100 ms, several per rerun).
    return ds.facts.groupby("region", sort=False).indices


@memoized()
def area_regions(ds: Dataset, region: str) -> pd.DataFrame:
    """The selected region and the regions directly under it (a city and its counties)."""
    regions = ds.regions
    chosen = regions[(regions["code"] == region) | (regions["parent"] == region)]
    if len(chosen) == 1 and chosen.iloc[0]["parent"]:
        parent = chosen.iloc[0]["parent"]  # a county: show it beside its siblings
        chosen = regions[(regions["code"] == parent) | (regions["parent"] == parent)]
    return chosen[["code", "name_zh", "name_en"]].reset_index(drop=True)


@memoized()
def before_after_pairs(ds: Dataset, region: str) -> pd.DataFrame:
    """Durations published as a before/after pair (indicators `x_before` and `x_after`)."""
    facts = facts_for(ds, regions=[region], topic="approvals")
    before = facts[facts["indicator"].str.endswith("_before")].assign(measure=lambda f: f["indicator"].str[:-7])
    after = facts[facts["indicator"].str.endswith("_after")].assign(measure=lambda f: f["indicator"].str[:-6])
    pairs = before.merge(after, on="measure", suffixes=("_b", "_a"))
    return pd.DataFrame({
        "measure": pairs["measure"],
        "measure_label_zh": pairs["label_zh_a"].str.replace(r"[((]?(改革后|之后|后)[))]?$", "", regex=True),
        "measure_label_en": pairs["label_en_a"].str.replace(r",? \(?after.*$", "", regex=True),
        "before_value": pairs["value_b"], "before_unit": pairs["unit_b"], "before_qualifier": pairs["qualifier_b"],
        "after_value": pairs["value_a"], "after_unit": pairs["unit_a"], "after_qualifier": pairs["qualifier_a"],
        "period_end": pairs["period_end_a"], "source": pairs["source_a"],
        "locators": pairs["locator_b"] + "；" + pairs["locator_a"],
    })


@memoized()
def before_after_shown(ds: Dataset, region: str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pairs as the chart draws them (labels in `lang`), and as the source notes quote them."""
    pairs = before_after_pairs(ds, region)
    return pairs.assign(measure_label=pairs[f"measure_label_{lang}"]), pairs.assign(locator=pairs["locators"])


@memoized()
def periods(facts: pd.DataFrame) -> int:
    """How many distinct periods `facts` cover."""
    return len(facts[["period_start", "period_end"]].drop_duplicates())


@memoized()
def with_unit(facts: pd.DataFrame, unit: str) -> pd.DataFrame:
    return facts[facts["unit"] == unit]


@memoized()
def source_line(ds: Dataset, facts: pd.DataFrame) -> str:
    """'舟山市纪委监委 (2018-12-23); 光明日报 (2018-08-28)': each source of `facts` once."""
    sources = ds.sources.set_index("id")
    parts = []
    for source_id in facts["source"].unique():  # in order of first use; a set, not a million-item dict
        publisher, day = sources.at[source_id, "publisher"], sources.at[source_id, "date"]
        parts.append(publisher if pd.isna(day) else f"{publisher} ({pd.Timestamp(day).date().isoformat()})")
    return "; ".join(parts)


@memoized()
def sources_with_quotes(ds: Dataset, facts: pd.DataFrame) -> list[tuple[dict, list[str]]]:
    """Each source of `facts` once, in order of first use, with the distinct quotes taken from it."""
    quotes: dict[str, dict[str, None]] = {}
    for source_id, locator in zip(facts["source"], facts["locator"]):
        quotes.setdefault(source_id, {})[locator] = None
    return [(source_record(ds, source_id), list(found)) for source_id, found in quotes.items()]


FUNNEL = ("clues_handled", "cases_filed", "people_disciplined")


@memoized()
def funnel_facts(ds: Dataset, region: str) -> pd.DataFrame:
    """Clues → cases → people for the latest period in which all three were published."""
    facts = facts_for(ds, indicators=FUNNEL, regions=[region])
    complete = facts.groupby(["period_start", "period_end"])["indicator"].nunique()
    complete = complete[complete == len(FUNNEL)]
    if complete.empty:
        return facts.iloc[0:0]
    start, end = sorted(complete.index, key=lambda p: (p[1], p[0]))[-1]
    chosen = facts[(facts["period_start"] == start) & (facts["period_end"] == end)]
    return chosen.set_index("indicator").loc[list(FUNNEL)].reset_index()


@memoized()
def latest_per_indicator(facts: pd.DataFrame, order=None) -> pd.DataFrame:
    """The latest figure of each indicator in `facts`, in `order` (default: as they come)."""
    order = [i for i in (order or dict.fromkeys(facts["indicator"])) if i in set(facts["indicator"])]
    latest = facts.sort_values(["period_end", "period_start"]).groupby("indicator").tail(1)
    return latest.set_index("indicator").loc[order].reset_index()


@memoized()
def facts_table(ds: Dataset, regions, lang: str) -> pd.DataFrame:
    """The facts of `regions` as a reader's table: names, wording as published, source and quote."""
    from dashboard.i18n import format_period, format_value

    facts = facts_for(ds, regions=regions)
    names = ds.regions.set_index("code")[f"name_{lang}"]
    sources = ds.sources.set_index("id")
    return pd.DataFrame({
        "fact_id": facts["fact_id"],
        "indicator": facts[f"label_{lang}"],
        "region": facts["region"].map(names),
        "value": facts["value"],
        "as_published": [format_value(v, q, u, lang) for v, q, u in zip(facts["value"], facts["qualifier"], facts["unit"])],
        "period": [format_period(s, e, lang) for s, e in zip(facts["period_start"], facts["period_end"])],
        "source": facts["source"].map(sources["publisher"]),
        "locator": facts["locator"],
        "url": facts["source"].map(sources["url"]),
        "note": facts["note"],
    })


def sources_table(ds: Dataset) -> pd.DataFrame:
    """Every source for reading: its date as an ISO day, or said to be missing (never 'None')."""
    from dashboard.i18n import both

    dates = [both("not_dated") if pd.isna(date) else date.date().isoformat() for date in ds.sources["date"]]
    return ds.sources[["title", "publisher"]].assign(date=dates, url=ds.sources["url"], note=ds.sources["note"])


def package_zip(path: str | None = None) -> bytes:
    """The whole data package (descriptor, CSVs, README) as one zip, rebuilt only when it changes."""
    path = Path(path) if path else package_path()
    return _zip_folder(str(path.parent), package_fingerprint(path))


@st.cache_resource(show_spinner=False, max_entries=2)
def _zip_folder(folder: str, fingerprint: tuple) -> bytes:
    import io
    import zipfile

    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            if file.suffix in {".json", ".csv", ".md"}:
                archive.write(file, arcname=f"qinglian-data/{file.name}")
    return buffer.getvalue()


@memoized()
def sector_facts_and_events(ds: Dataset, region: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Facts and events of the area that name one of the six sectors."""
    area = area_regions(ds, region)["code"]
    facts = facts_for(ds, regions=area)
    events = ds.events[ds.events["region"].isin(area) & (ds.events["sector"] != "")].sort_values("date")
    return facts[facts["sector"] != ""], events


@memoized()
def sector_quotes(ds: Dataset, region: str) -> pd.DataFrame:
    """Source and quote of every sector fact and event of the area: what the coverage matrix draws on."""
    return _quoted(*sector_facts_and_events(ds, region))


@memoized()
def sector_sections(ds: Dataset, region: str) -> list[tuple[object, pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """Per sector, in the sectors' order: (sector row, its facts, its events, their sources and quotes)."""
    facts, events = sector_facts_and_events(ds, region)
    sections = []
    for sector in ds.sectors.itertuples():
        own_facts, own_events = facts[facts["sector"] == sector.id], events[events["sector"] == sector.id]
        sections.append((sector, own_facts, own_events, _quoted(own_facts, own_events)))
    return sections


def _quoted(facts: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([facts[["source", "locator"]], events[["source", "locator"]]], ignore_index=True)


COVERAGE_CELLS = 5000  # a chart ships at most this many points to the browser


def coverage_table(facts: pd.DataFrame) -> pd.DataFrame:
    """How many facts each (indicator, region) has: indicator ids down, region codes across."""
    return facts.groupby(["indicator", "region"], observed=True).size().unstack(fill_value=0)


@memoized()
def coverage_counts(ds: Dataset, region: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(counts, indicators, regions) for the coverage matrix: every region while the matrix is small;
    at national scale the selected region and the regions under it, each counting its whole subtree.
    Counts, not facts, leave here: the chart's memo then hashes a small table, not a million rows."""
    regions = ds.regions[["code", "name_zh", "name_en"]]
    if len(ds.indicators) * len(regions) <= COVERAGE_CELLS:
        return coverage_table(ds.facts), ds.indicators, regions
    shown = area_regions(ds, region)
    top = {code: code for code in shown["code"]}
    parent = ds.regions.set_index("code")["parent"]
    ancestor = ds.regions["code"].map(top)
    step = ds.regions["code"]
    for _ in range(4):  # country > province > city > county: climb until a shown region is met
        step = step.map(parent)
        ancestor = ancestor.fillna(step.map(top))
    lookup = pd.Series(ancestor.to_numpy(), index=ds.regions["code"]).dropna()
    facts = ds.facts.iloc[rows_of(ds, lookup.index), ds.facts.columns.get_indexer(["indicator", "region"])]
    return coverage_table(facts.assign(region=facts["region"].map(lookup))), ds.indicators, shown
