"""A refused change is said in the editor's language: every problem of the package, or the store's refusal."""
from pathlib import Path

from dashboard.editing.outcome import refused
from dashboard.kernel.i18n import t
from dashboard.kernel.problems import DataPackageError, Problem, PublishError


def test_a_package_refusal_lists_every_problem_in_the_page_language():
    problems = [Problem("facts.csv", 3, "value", "a number", "abc"),
                Problem("facts.csv", 4, "unit", "a unit of the schema", "furlongs")]
    said = refused(DataPackageError(Path("datapackage.json"), problems), "en")
    assert said.startswith(t("edit.failed", "en", why=""))
    assert [line for line in said.splitlines() if line.startswith("- ")] == [f"- {p.said('en')}" for p in problems]


def test_a_store_refusal_is_said_in_the_page_language_only():
    error = PublishError("没有版本 9。", "There is no version 9.")
    assert refused(error, "zh") == t("edit.failed", "zh", why="没有版本 9。")
    assert refused(error, "en") == t("edit.failed", "en", why="There is no version 9.")
