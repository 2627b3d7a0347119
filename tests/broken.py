"""Broken copies of the bundled package for the loader and app tests: FAULTS (one clean fault each,
located exactly) and DAMAGE (truncation, wrong encodings, megabytes of junk)."""
import random
import shutil
from pathlib import Path

from tests.conftest import PACKAGE


def copy_package(tmp_path: Path) -> Path:
    """A copy of data/ (without its README) to break; returns the folder."""
    shutil.copytree(PACKAGE.parent, tmp_path / "data", ignore=shutil.ignore_patterns("*.md"))
    return tmp_path / "data"


def replace_in_facts_row(folder: Path, column: str, new: str, line: int = 2) -> None:
    path = folder / "facts.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[line - 1].split(",")
    cells[header.index(column)] = new
    lines[line - 1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


def _drop_column(folder: Path, column: str) -> None:
    path = folder / "facts.csv"
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").split("\n") if line]
    index = rows[0].index(column)
    path.write_text("\n".join(",".join(r[:index] + r[index + 1:]) for r in rows) + "\n", encoding="utf-8")


FAULTS = {
    # name: (break the copy, expected (file, row, column), words the message must contain)
    "missing column": (lambda d: _drop_column(d, "qualifier"), ("facts.csv", 1, "qualifier"), "column named 'qualifier'"),
    "unknown enum": (lambda d: replace_in_facts_row(d, "qualifier", "roughly"), ("facts.csv", 2, "qualifier"), "'roughly'"),
    "dangling foreign key": (lambda d: replace_in_facts_row(d, "indicator", "no_such_indicator"),
                             ("facts.csv", 2, "indicator"), "indicators.csv"),
    "non-numeric value": (lambda d: replace_in_facts_row(d, "value", "九百"), ("facts.csv", 2, "value"), "a number"),
    "duplicate id": (lambda d: replace_in_facts_row(d, "fact_id", _first_fact_id(d), line=3),
                     ("facts.csv", 3, "fact_id"), "unique"),
    "period order": (lambda d: replace_in_facts_row(d, "period_start", "2099-01-01"),
                     ("facts.csv", 2, "period_start, period_end"), "on or before"),
    "bad date": (lambda d: replace_in_facts_row(d, "period_end", "2018-13-45"), ("facts.csv", 2, "period_end"), "YYYY-MM-DD"),
    "long locator": (lambda d: replace_in_facts_row(d, "locator", "长" * 31), ("facts.csv", 2, "locator"), "at most 30"),
    "utf-8 bom": (lambda d: (d / "facts.csv").write_bytes(b"\xef\xbb\xbf" + (d / "facts.csv").read_bytes()),
                  ("facts.csv", 1, "fact_id"), "byte-order mark"),
    "gbk file": (lambda d: (d / "indicators.csv").write_bytes((d / "indicators.csv").read_text("utf-8").encode("gb18030")),
                 ("indicators.csv", 2, "label_zh"), "not UTF-8"),
    "empty file": (lambda d: (d / "sources.csv").write_bytes(b""), ("sources.csv", 1, None), "empty file"),
    "missing file": (lambda d: (d / "events.csv").unlink(), ("events.csv", None, None), "no such file"),
}


def _first_fact_id(folder: Path) -> str:
    return (folder / "facts.csv").read_text(encoding="utf-8").split("\n")[1].split(",")[0]


# ---- damage a copy, a download or an editor can really do (tests/unit/kernel/test_problems_hostile.py) ----

JUNK_BYTES = 10 * 2**20


def _junk(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def _truncate(file: Path, fraction: float) -> None:
    raw = file.read_bytes()
    file.write_bytes(raw[:int(len(raw) * fraction)])


def _cut_inside_a_character(file: Path) -> None:
    raw = file.read_bytes()
    cut = next(i for i in range(len(raw) // 2, len(raw)) if raw[i] >= 0xC0) + 1  # after a lead byte
    file.write_bytes(raw[:cut])


def _swap_columns(file: Path, a: str, b: str, header_only: bool = False) -> None:
    lines = file.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    i, j = header.index(a), header.index(b)
    out = []
    for n, line in enumerate(lines):
        cells = line.split(",")
        if line and (n == 0 or not header_only) and len(cells) == len(header):
            cells[i], cells[j] = cells[j], cells[i]
        out.append(",".join(cells))
    file.write_text("\n".join(out), encoding="utf-8")


def _one_row_in(file: Path, encoding: str, line: int = 3) -> None:
    lines = file.read_text(encoding="utf-8").split("\n")
    raw = [row.encode("utf-8") for row in lines]
    raw[line - 1] = (lines[line - 1] + " é").encode(encoding, errors="replace")  # é: not ASCII in any of them
    file.write_bytes(b"\n".join(raw))


DAMAGE = {
    "facts truncated mid-row": (lambda d: _truncate(d / "facts.csv", 0.6), "facts.csv"),
    "facts truncated inside a character": (lambda d: _cut_inside_a_character(d / "facts.csv"), "facts.csv"),
    "facts truncated to half a header": (lambda d: _truncate(d / "facts.csv", 0.001), "facts.csv"),
    "descriptor truncated": (lambda d: _truncate(d / "datapackage.json", 0.5), "datapackage.json"),
    "facts columns in the wrong order": (lambda d: _swap_columns(d / "facts.csv", "value", "unit"), "facts.csv"),
    "regions header reordered, rows not": (lambda d: _swap_columns(d / "regions.csv", "name_zh", "name_en", True),
                                           "regions.csv"),
    "one facts row in GB18030": (lambda d: _one_row_in(d / "facts.csv", "gb18030"), "facts.csv"),
    "one indicators row in Big5": (lambda d: _one_row_in(d / "indicators.csv", "big5"), "indicators.csv"),
    "one sources row in Latin-1": (lambda d: _one_row_in(d / "sources.csv", "latin-1", 2), "sources.csv"),
    "facts saved as UTF-16": (lambda d: (d / "facts.csv").write_bytes(
        (d / "facts.csv").read_text("utf-8").encode("utf-16")), "facts.csv"),
    "NUL bytes in a cell": (lambda d: (d / "facts.csv").write_bytes(
        (d / "facts.csv").read_bytes().replace(b",exact,", b",ex\x00\x00act,", 1)), "facts.csv"),
    "10 MB of junk as facts": (lambda d: (d / "facts.csv").write_bytes(_junk(JUNK_BYTES)), "facts.csv"),
    "10 MB of junk after the facts": (lambda d: (d / "facts.csv").write_bytes(
        (d / "facts.csv").read_bytes() + _junk(JUNK_BYTES)), "facts.csv"),
    "10 MB of junk as descriptor": (lambda d: (d / "datapackage.json").write_bytes(_junk(JUNK_BYTES)),
                                    "datapackage.json"),
    "10 MB of printable junk as regions": (lambda d: (d / "regions.csv").write_bytes(
        bytes(32 + b % 95 for b in _junk(JUNK_BYTES))), "regions.csv"),
    "10 MB of printable junk after the facts": (lambda d: (d / "facts.csv").write_bytes(
        (d / "facts.csv").read_bytes() + bytes(32 + b % 95 for b in _junk(JUNK_BYTES))), "facts.csv"),
    "a row of 50 000 empty cells": (lambda d: (d / "events.csv").write_bytes(
        (d / "events.csv").read_bytes() + b"," * 50_000 + b"\n"), "events.csv"),
    "a 10 MB cell": (lambda d: (d / "facts.csv").write_bytes(
        (d / "facts.csv").read_bytes().replace(b",exact,", b",exact" + b"x" * JUNK_BYTES + b",", 1)), "facts.csv"),
}
