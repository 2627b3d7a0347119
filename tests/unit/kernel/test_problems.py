"""Broken copies of the package, one fault each: one message naming file, row and column."""
import re

import pytest

from dashboard.kernel.problems import DataPackageError, validate_package
from dashboard.storing.package import read_package
from tests.broken import FAULTS, copy_package, replace_in_facts_row
from tests.conftest import bundled


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


# ---- #30: said in the page's language ----

@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_a_problem_is_said_in_english_as_before_and_in_chinese_without_our_english_words(tmp_path, fault):
    """/add shows a finding in the page's language: in English word for word as the loader says it, in
    Chinese every fixed phrase in Chinese (a value, a file or column name stays as found)."""
    import re

    from dashboard.kernel.problems import phrase

    breaker, _, _ = FAULTS[fault]
    folder = copy_package(tmp_path)
    breaker(folder)
    for problem in validate_package(folder / "datapackage.json"):
        assert problem.said("en") == f"expected {problem.expected}; found {problem.found}"
        assert problem.located("en") == str(problem)
        zh = problem.located("zh")
        assert "expected" not in zh and "found" not in zh and problem.file in zh
        assert phrase(problem.expected, "zh") != problem.expected, problem.expected  # every expectation is ours to say
        if not re.fullmatch(r"'.*'|\".*\"", problem.found, re.DOTALL):  # a value quoted as found stays as it is
            assert phrase(problem.found, "zh") != problem.found, problem.found


def test_every_phrase_reads_back_in_english_as_problems_writes_it():
    from dashboard.kernel.i18n import TEXT
    from dashboard.kernel.problems import phrase

    samples = {"problem.type": {"kind": "number"}}
    for key, (zh, en) in TEXT.items():
        if key.startswith("problem.") and not key.startswith("problem.type.") and key not in (
                "problem.said", "problem.said_at", "problem.row", "problem.column"):
            values = samples.get(key) or {name: f"'v{n}'" for n, name in enumerate(re.findall(r"{(\w+)}", en))}
            english = en.format(**values)
            assert phrase(english, "en") == english, key
            assert phrase(english, "zh") == zh.format(**{k: (TEXT[f"problem.type.{v}"][0] if k == "kind" else v)
                                                         for k, v in values.items()}), key


def test_a_table_found_valid_is_not_validated_again_until_it_or_a_table_it_looks_into_changes(tmp_path, monkeypatch):
    from frictionless import Resource

    folder = copy_package(tmp_path)
    validate_package(folder / "datapackage.json")
    validated = []
    original = Resource.validate
    monkeypatch.setattr(Resource, "validate", lambda self, *a, **k: validated.append(self.name) or original(self, *a, **k))
    assert validate_package(folder / "datapackage.json") == [] and validated == []  # every table known valid
    # The facts look areas up in regions.csv: an area taken out of it brings the facts back to Frictionless,
    # though facts.csv did not change; the gazetteer, which does not look there, is not read again.
    regions = folder / "regions.csv"
    lines = regions.read_text(encoding="utf-8").split("\n")
    used = bundled().facts["region"].iloc[0]
    regions.write_text("\n".join(line for line in lines if not line.startswith(f"{used},")), encoding="utf-8")
    problems = validate_package(folder / "datapackage.json")
    assert {"facts", "regions", "events"} <= set(validated) and "gazetteer" not in validated
    assert any(p.file == "facts.csv" and p.column == "region" for p in problems)
    validated.clear()  # a table with problems is never taken as known: asked again, it is validated again
    assert validate_package(folder / "datapackage.json") == problems and "facts" in validated
