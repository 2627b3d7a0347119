"""Broken copies of the package, one fault each: one message naming file, row and column."""
import pytest

from dashboard.kernel.problems import DataPackageError, validate_package
from dashboard.storing.package import read_package
from tests.broken import FAULTS, copy_package, replace_in_facts_row


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_broken_copy_names_file_row_and_column(tmp_path, fault):
    breaker, (file, row, column), words = FAULTS[fault]
    folder = copy_package(tmp_path)
    breaker(folder)
    problems = validate_package(folder / "datapackage.json")
    assert problems, "the fault went unnoticed"
    located = [p for p in problems if (p.file, p.row, p.column) == (file, row, column)]
    assert located, f"no problem at {file} row {row} column {column}: {[str(p) for p in problems]}"
    assert any(words in str(p) for p in located), [str(p) for p in located]


def test_all_problems_come_in_one_message(tmp_path):
    folder = copy_package(tmp_path)
    replace_in_facts_row(folder, "qualifier", "roughly")
    replace_in_facts_row(folder, "value", "many", line=3)
    with pytest.raises(DataPackageError) as raised:
        read_package(folder / "datapackage.json")
    message = str(raised.value)
    assert "facts.csv, row 2, column 'qualifier'" in message
    assert "facts.csv, row 3, column 'value'" in message
    assert len(raised.value.problems) == 2


def test_unreadable_descriptor_is_a_problem_not_a_crash(tmp_path):
    folder = copy_package(tmp_path)
    (folder / "datapackage.json").write_text("{not json", encoding="utf-8")
    problems = validate_package(folder / "datapackage.json")
    assert problems and problems[0].file == "datapackage.json"
