"""A running app whose package turns bad keeps serving the last good data, and says so."""
import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.data import load_dataset, package_problems
from tests.cards import cards
from tests.conftest import PACKAGE

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE.parent, tmp_path / "data")
    return tmp_path / "data" / "datapackage.json"


def _break(descriptor: Path) -> None:
    facts = descriptor.parent / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",exact,", ",roughly,", 1), encoding="utf-8")


def test_loader_serves_last_good_data_after_the_files_break(tmp_path):
    descriptor = _copy(tmp_path)
    good = load_dataset(str(descriptor))
    _break(descriptor)
    assert load_dataset(str(descriptor)) is good
    problems = package_problems(str(descriptor))
    assert problems and problems[0].column == "qualifier"


def test_a_fixed_package_is_picked_up_again(tmp_path):
    descriptor = _copy(tmp_path)
    original = (descriptor.parent / "facts.csv").read_bytes()
    load_dataset(str(descriptor))
    _break(descriptor)
    assert package_problems(str(descriptor))
    (descriptor.parent / "facts.csv").write_bytes(original + b"")
    assert package_problems(str(descriptor)) == []


def test_app_keeps_showing_figures_with_a_notice(tmp_path, monkeypatch):
    descriptor = _copy(tmp_path)
    monkeypatch.setenv("QINGLIAN_DATA", str(descriptor))
    before = [card.value for card in cards(AppTest.from_file(APP, default_timeout=60).run())]
    _break(descriptor)
    # A visitor arriving after the files broke (AppTest drops pre-navigation elements on reruns).
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [card.value for card in cards(at)] == before
    assert any("last valid data" in w.value or "上次有效" in w.value for w in at.warning)
    assert any("qualifier" in c.value for c in at.code)


def test_app_that_never_saw_good_data_says_so_without_a_traceback(tmp_path, monkeypatch):
    descriptor = _copy(tmp_path)
    _break(descriptor)
    monkeypatch.setenv("QINGLIAN_DATA", str(descriptor))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.error and "facts.csv, row 2, column 'qualifier'" in at.code[0].value
