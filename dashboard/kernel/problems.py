"""What is wrong with a data package, said as a person would look for it: file, row, column.

Validation uses Frictionless (the same library that reads `data/datapackage.json`), so the
schema lives in one place and other tools can check the package with
`frictionless validate data/datapackage.json`. Two things Frictionless cannot say in a Table
Schema are added as checks here: period order (a row constraint) and the byte-order mark,
which Frictionless strips silently but other readers trip over. Most of this module turns
Frictionless's error objects into sentences; `storage.py` (the large-package reader) reports
in the same `Problem`s.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Formatter

from dashboard.kernel.i18n import TEXT, t

ROW_CHECKS = {"facts": "period_start <= period_end"}
BOM = b"\xef\xbb\xbf"
# Frictionless's header and extra-cell errors grow with the square of a row's width: refuse a far wider row first.
MAX_EXTRA_CELLS = 100
FOUND_CHARS = 200  # a problem quotes at most this much of the offending cell
# Tables this process found valid, by what their validity depends on (_validity_key): publishing, a rollback,
# a change and /add's check validate copies whose tables are mostly unchanged (the gazetteer, the phrasings:
# more than half of a whole validation). Digests only, a few kB; never a table with problems.
VALID_TABLES: OrderedDict[str, None] = OrderedDict()
VALID_TABLES_KEPT = 512
_VALID_LOCK = threading.Lock()  # sessions validate in threads of their own


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

    def said(self, lang: str) -> str:
        """'expected a date as YYYY-MM-DD; found '2019-13-45'' in the page's language: the fixed phrases
        this module writes are said in Chinese on a Chinese page; values, file and column names stay
        as found."""
        return t("problem.said", lang, expected=phrase(self.expected, lang), found=phrase(self.found, lang))

    def located(self, lang: str) -> str:
        """The problem with its file, row and column, as `str()` says it, in the page's language."""
        where = [self.file, *([t("problem.row", lang, row=self.row)] if self.row is not None else []),
                 *([t("problem.column", lang, column=self.column)] if self.column else [])]
        return t("problem.said_at", lang, where=("," if lang == "zh" else ", ").join(where),
                 expected=phrase(self.expected, lang), found=phrase(self.found, lang))


# The fixed phrases this module (and the large-package reader, and append) writes into a Problem: each
# is an English template of i18n.TEXT under `problem.`, so a phrase is recognised by its own English
# words and said again in the reader's language. Anything else (a value, a note of Frictionless's)
# stays as written.
_NOT_PHRASES = {"problem.said", "problem.said_at", "problem.row", "problem.column"}


@cache
def _phrases() -> tuple[tuple[re.Pattern, str], ...]:
    keys = [k for k in TEXT if k.startswith("problem.") and k not in _NOT_PHRASES and not k.startswith("problem.type.")]
    patterns = []
    for key in sorted(keys, key=lambda k: -len(TEXT[k][1])):  # the longest first: 'a unique id' before 'a {kind}'
        regex = "".join(re.escape(literal) + (f"(?P<{name}>.+)" if name else "")
                        for literal, name, _, _ in Formatter().parse(TEXT[key][1]))
        patterns.append((re.compile(regex, re.DOTALL), key))
    return tuple(patterns)


def phrase(text: str, lang: str) -> str:
    """One of the fixed phrases of a Problem ('a date as YYYY-MM-DD', 'one of case, person',
    "'x' again") in `lang`; any other text as it is."""
    for pattern, key in _phrases():
        if match := pattern.fullmatch(text):
            values = match.groupdict()
            if "kind" in values:  # 'a number': only a type the schema knows
                if f"problem.type.{values['kind']}" not in TEXT:
                    continue
                values["kind"] = t(f"problem.type.{values['kind']}", lang)
            return t(key, lang, **values)
    return text


class DataPackageError(Exception):
    """The package is invalid; `problems` lists everything found, not just the first."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"The data package {path} has {len(problems)} problem(s):\n{lines}")


class PublishError(Exception):
    """Nothing was published and the current version is unchanged: a bad request (an unknown figure, no
    reason given), a conflict, a failed write. `zh` and `en` say why (the command's own messages are
    English only: both are that text); the message is both, Chinese first."""

    def __init__(self, zh: str, en: str | None = None):
        self.zh, self.en = zh, zh if en is None else en
        super().__init__(zh if en is None else f"{zh} / {en}")


def validate_package(path: Path, tables: frozenset[str] | None = None) -> list[Problem]:
    """Every problem in the package at `path`, empty when it is valid; with `tables`, only in those tables
    (their foreign keys are still looked up in the others)."""
    # Imported here, not at the top: a replica serving a database never validates a package, and
    # Frictionless with pydantic is 11 MB of its resident memory (#32).
    from frictionless import Checklist, Package, checks

    try:
        package = Package(str(path))
    except Exception as error:  # Frictionless raises on unreadable or malformed JSON
        return [Problem(Path(path).name, None, None, "a readable Frictionless datapackage.json", _short(error))]
    too_wide = _too_wide_files(package, Path(path).parent)
    if too_wide:  # other tables look rows up in these (foreign keys), just as slowly: stop here
        return too_wide
    problems: list[Problem] = []
    descriptor = hashlib.sha256(_read_bytes(Path(path)) or b"").digest()
    files = _FileDigests(package, Path(path).parent)
    for resource in package.resources:
        if tables is not None and resource.name not in tables:
            continue
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
        digest = _validity_key(descriptor, resource, rule, raw, files)
        if _known_valid(digest):
            continue
        checklist = Checklist(checks=[checks.row_constraint(formula=rule)]) if rule else None
        report = resource.validate(checklist=checklist) if checklist else resource.validate()
        for task in report.tasks:
            problems.extend(_problem(file, error, resource, raw) for error in task.errors)
        if report.valid:
            with _VALID_LOCK:
                VALID_TABLES[digest] = None
                while len(VALID_TABLES) > VALID_TABLES_KEPT:
                    VALID_TABLES.popitem(last=False)
    # A duplicate id is both a unique-error and a primary-key error: say it once.
    return list(dict.fromkeys(problems, None)) if problems else problems


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


def _known_valid(digest: str) -> bool:
    with _VALID_LOCK:
        if digest in VALID_TABLES:
            VALID_TABLES.move_to_end(digest)
            return True
    return False


class _FileDigests(dict):
    """A table's file digest by its name, each file read and hashed once per validation."""

    def __init__(self, package, folder: Path):
        super().__init__()
        self.package, self.folder = package, folder

    def __missing__(self, name: str) -> bytes:
        target = self.package.get_resource(name) if self.package.has_resource(name) else None
        self[name] = hashlib.sha256((_read_bytes(self.folder / target.path) if target else None) or b"").digest()
        return self[name]


def _validity_key(descriptor: bytes, resource, rule: str | None, raw: bytes, files: _FileDigests) -> str:
    """What a table's validity depends on: the whole descriptor (every schema), the row check it gets here, its
    bytes, and the bytes of the tables its foreign keys look into."""
    digest = hashlib.sha256(descriptor)
    digest.update(f"{resource.name}\0{rule}\0".encode())
    if resource.name not in files:  # read already: hash the bytes in hand
        files[resource.name] = hashlib.sha256(raw).digest()
    digest.update(files[resource.name])
    for name in sorted({key["reference"]["resource"] for key in resource.schema.foreign_keys} - {"", resource.name}):
        digest.update(f"\0{name}\0".encode() + files[name])
    return digest.hexdigest()


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:200]


class StoreUnavailable(Exception):
    """The database did not answer (or holds no version yet): the page says so and tries again."""
