"""A running app whose package turns bad keeps serving the last good data, and says so."""
import pytest

from dashboard.storing.package import load_dataset, package_problems
from tests.broken import DAMAGE, FAULTS, copy_package
from tests.cards import cards

UNKNOWN_QUALIFIER = FAULTS["unknown enum"][0]
# One clean fault, located exactly, and the worst damage: each must leave the last good view in place.
BREAKS = {"unknown qualifier": UNKNOWN_QUALIFIER,
          **{name: DAMAGE[name][0] for name in ("facts truncated mid-row", "facts columns in the wrong order",
                                                "one facts row in GB18030", "10 MB of junk as facts",
                                                "10 MB of junk as descriptor")}}


def test_loader_serves_last_good_data_until_the_files_are_fixed(tmp_path):
    folder = copy_package(tmp_path)
    descriptor = str(folder / "datapackage.json")
    original = (folder / "facts.csv").read_bytes()
    good = load_dataset(descriptor)
    UNKNOWN_QUALIFIER(folder)
    assert load_dataset(descriptor) is good
    problems = package_problems(descriptor)
    assert problems and problems[0].column == "qualifier"
    (folder / "facts.csv").write_bytes(original)
    assert package_problems(descriptor) == []


@pytest.mark.parametrize("fault", BREAKS, ids=list(BREAKS))
def test_running_app_keeps_the_last_good_figures_with_a_notice(tmp_path, monkeypatch, fault, open_page):
    folder = copy_package(tmp_path)
    monkeypatch.setenv("QINGLIAN_DATA", str(folder / "datapackage.json"))
    before = [card.value for card in cards(open_page())]
    assert before
    BREAKS[fault](folder)
    at = open_page()  # a visitor arriving after the damage
    assert not at.exception
    assert [card.value for card in cards(at)] == before
    assert any("last valid data" in w.value or "上次有效" in w.value for w in at.warning)
    if fault == "unknown qualifier":
        assert any("qualifier" in c.value for c in at.code)  # the details name the column


def test_app_that_never_saw_good_data_says_so_without_a_traceback(tmp_path, monkeypatch, open_page):
    folder = copy_package(tmp_path)
    UNKNOWN_QUALIFIER(folder)
    monkeypatch.setenv("QINGLIAN_DATA", str(folder / "datapackage.json"))
    at = open_page()
    assert not at.exception
    assert at.error and "facts.csv, row 2, column 'qualifier'" in at.code[0].value
