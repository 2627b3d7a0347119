"""Broken copies of the package, one fault each: one message naming file, row and column."""
import shutil
from pathlib import Path

import pytest

from dashboard.data import DataPackageError, read_package, validate_package
from tests.conftest import PACKAGE


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE.parent, tmp_path / "data", ignore=shutil.ignore_patterns("*.md"))
    return tmp_path / "data"


def _replace_in_facts_row(folder: Path, column: str, new: str, line: int = 2) -> None:
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
    "unknown enum": (lambda d: _replace_in_facts_row(d, "qualifier", "roughly"), ("facts.csv", 2, "qualifier"), "'roughly'"),
    "dangling foreign key": (lambda d: _replace_in_facts_row(d, "indicator", "no_such_indicator"),
                             ("facts.csv", 2, "indicator"), "indicators.csv"),
    "non-numeric value": (lambda d: _replace_in_facts_row(d, "value", "九百"), ("facts.csv", 2, "value"), "a number"),
    "duplicate id": (lambda d: _replace_in_facts_row(d, "fact_id", _first_fact_id(d), line=3),
                     ("facts.csv", 3, "fact_id"), "unique"),
    "period order": (lambda d: _replace_in_facts_row(d, "period_start", "2099-01-01"),
                     ("facts.csv", 2, "period_start, period_end"), "on or before"),
    "bad date": (lambda d: _replace_in_facts_row(d, "period_end", "2018-13-45"), ("facts.csv", 2, "period_end"), "YYYY-MM-DD"),
    "long locator": (lambda d: _replace_in_facts_row(d, "locator", "长" * 31), ("facts.csv", 2, "locator"), "at most 30"),
    "utf-8 bom": (lambda d: (d / "facts.csv").write_bytes(b"\xef\xbb\xbf" + (d / "facts.csv").read_bytes()),
                  ("facts.csv", 1, "fact_id"), "byte-order mark"),
    "gbk file": (lambda d: (d / "indicators.csv").write_bytes((d / "indicators.csv").read_text("utf-8").encode("gb18030")),
                 ("indicators.csv", 2, "label_zh"), "not UTF-8"),
    "empty file": (lambda d: (d / "sources.csv").write_bytes(b""), ("sources.csv", 1, None), "empty file"),
    "missing file": (lambda d: (d / "events.csv").unlink(), ("events.csv", None, None), "no such file"),
}


def _first_fact_id(folder: Path) -> str:
    return (folder / "facts.csv").read_text(encoding="utf-8").split("\n")[1].split(",")[0]


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_broken_copy_names_file_row_and_column(tmp_path, fault):
    breaker, (file, row, column), words = FAULTS[fault]
    folder = _copy(tmp_path)
    breaker(folder)
    problems = validate_package(folder / "datapackage.json")
    assert problems, "the fault went unnoticed"
    located = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert located, f"no problem at {file} row {row} column {column}: {[str(p) for p in problems]}"
    assert any(words in str(p) for p in located), [str(p) for p in located]


def test_all_problems_come_in_one_message(tmp_path):
    folder = _copy(tmp_path)
    _replace_in_facts_row(folder, "qualifier", "roughly")
    _replace_in_facts_row(folder, "value", "many", line=3)
    with pytest.raises(DataPackageError) as raised:
        read_package(folder / "datapackage.json")
    message = str(raised.value)
    assert "facts.csv, row 2, column 'qualifier'" in message
    assert "facts.csv, row 3, column 'value'" in message
    assert len(raised.value.problems) == 2


def test_unreadable_descriptor_is_a_problem_not_a_crash(tmp_path):
    folder = _copy(tmp_path)
    (folder / "datapackage.json").write_text("{not json", encoding="utf-8")
    problems = validate_package(folder / "datapackage.json")
    assert problems and problems[0].file == "datapackage.json"
