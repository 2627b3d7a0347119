"""Names that explain themselves: one function or class per name across dashboard/, and no two modules
whose names differ only by an ending (store/storage, extract/extraction), so a name found in a
traceback or a grep points at one thing."""
import ast
import re
from collections import defaultdict
from itertools import combinations

from tests.conftest import ROOT

# The command-line modules each have their `main`, as `python -m` expects; nothing imports either.
# `publish` is the command's (a package into a database) and the editor's (rows into any store, on the
# record: the contract between the editor app and storing/changes.py names it so).
SHARED = {"main": {"dashboard/extract.py", "dashboard/publish.py", "dashboard/previews.py"},
          "publish": {"dashboard/publish.py", "dashboard/storing/changes.py"}}
# Endings that make another word of the same stem: store → storage, extract → extraction, period → periods.
ENDING = re.compile(r"(ations?|ions?|ages?|ings?|ers?|ed|es|s|e)$")


def _files():
    return sorted((ROOT / "dashboard").rglob("*.py"))


def test_no_two_top_level_functions_or_classes_share_a_name():
    where = defaultdict(set)
    for path in _files():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                where[node.name].add(path.relative_to(ROOT).as_posix())
    shared = {name: paths for name, paths in where.items() if len(paths) > 1 and SHARED.get(name) != paths}
    assert not shared, shared


def test_no_two_module_names_differ_only_by_an_ending():
    names = sorted({path.stem for path in _files() if path.name != "__init__.py"})
    stem = lambda name: ENDING.sub("", name)
    alike = [(a, b) for a, b in combinations(names, 2) if stem(a) == stem(b)]
    assert not alike, alike


def test_the_ending_rule_catches_what_it_is_for():
    stem = lambda name: ENDING.sub("", name)
    assert stem("store") == stem("storage") and stem("extract") == stem("extraction") and stem("chart") == stem("charts")
