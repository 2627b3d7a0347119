"""Hostile data files: truncated, reordered, mixed encodings, megabytes of junk. Named problems, never a crash.

Extends tests/test_loader_errors.py (one clean fault each, located exactly) with the damage a
copy, a download or an editor can really do. Each must end in DataPackageError with at least one
problem naming the file, within a bounded time; and a running app that had good data keeps it.
"""
import random
import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import DataPackageError, load_dataset, package_problems, read_package
from tests.cards import cards
from tests.conftest import PACKAGE

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
JUNK_BYTES = 10 * 2**20
SECONDS = 60  # a broken package is reported well within this, junk included


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE.parent, tmp_path / "data", ignore=shutil.ignore_patterns("*.md"))
    return tmp_path / "data"


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


FAULTS = {
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


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_damaged_package_is_refused_with_the_file_named(tmp_path, fault):
    damage, file = FAULTS[fault]
    folder = _copy(tmp_path)
    damage(folder)
    started = time.monotonic()
    with pytest.raises(DataPackageError) as raised:
        read_package(folder / "datapackage.json")
    assert time.monotonic() - started < SECONDS
    problems = raised.value.problems
    assert problems and any(p.file == file for p in problems), [str(p) for p in problems]
    assert all(len(str(p)) < 2_000 for p in problems), "a problem must stay readable, not echo the junk"


@pytest.mark.parametrize("fault", ["facts truncated mid-row", "facts columns in the wrong order",
                                   "one facts row in GB18030", "10 MB of junk as facts", "10 MB of junk as descriptor"])
def test_running_app_keeps_the_last_good_data_when_the_package_turns_bad(tmp_path, monkeypatch, fault):
    folder = _copy(tmp_path)
    monkeypatch.setenv("QINGLIAN_DATA", str(folder / "datapackage.json"))
    good = load_dataset()
    before = [card.value for card in cards(AppTest.from_file(APP, default_timeout=90).run())]
    FAULTS[fault][0](folder)
    assert load_dataset() is good and package_problems()
    at = AppTest.from_file(APP, default_timeout=90).run()  # a visitor arriving after the damage
    assert not at.exception
    assert [card.value for card in cards(at)] == before
    assert any("last valid data" in w.value or "上次有效" in w.value for w in at.warning)
