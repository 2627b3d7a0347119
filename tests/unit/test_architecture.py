"""The house rules of docs/architecture.md, checked on the source: one job per module, data flowing one way.

URL → filters → queries → sections → charts → page: no module imports one above its layer, no
import circles, no file in dashboard/ over 400 lines; tests, benchmarks and deploy checks share
launchers from deploy/ rather than importing each other.
"""
import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# The wings, lowest first: a module imports from its own wing or one below, never above. Inside a wing,
# its layers, lowest first: a module imports from its own layer or below. The entry points sit on top.
WINGS = {
    "kernel": [{"settings", "i18n_review", "i18n_editing", "i18n_series"}, {"schema", "i18n"}, {"problems", "model"}],
    "storing": [{"frame_facts", "large_package", "ledger"}, {"package"}, {"zips", "database", "queries", "versions"},
                {"serving", "changes"}],
    "adding": [{"quotes", "nouns"}, {"documents", "numerals", "scripts", "areas"}, {"periods", "governing", "parts", "locators", "statistics", "rownotes", "respectively"},
               {"confidence", "doubts"},
               {"candidates", "append"}, {"review"}],
    "reading": [{"text_layout", "registry"}, {"url_state"}, {"urls"},
                {"labels", "chart_frame", "charts", "context", "change_record", "section_cache", "previews",
                 "share_images"},
                {"sections", "comparisons", "controls", "guards"}, {"widgets", "review_table"}, {"review_form"}, {"views"}],
    # The editor app's wing: above reading (it reuses the review form and widgets); reading never imports it.
    "editing": [{"access", "registry", "outcome"}, {"views"}],
    "": [{"app", "edit", "extract", "publish", "previews"}],  # the entry points: two apps (`streamlit run`), two commands
}
ORDER = list(WINGS)
MAX_LINES = 400


def _imports(path: Path, prefix: str) -> set[str]:
    """Modules under `prefix` that `path` imports, as 'dashboard.storing.queries' etc."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == prefix}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == prefix:
            names = {f"{node.module}.{alias.name}" for alias in node.names}
            found |= {node.module} | {name for name in names if _module_file(name)}
    return found


def _module_file(name: str) -> Path | None:
    base = ROOT / Path(*name.split("."))
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.exists()), None)


def _dashboard_modules() -> dict[str, Path]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts): p for p in (ROOT / "dashboard").rglob("*.py")
            if p.name != "__init__.py"}


def _layer(module: str) -> tuple[int, int]:
    """(wing, layer inside the wing) of 'dashboard.storing.queries', 'dashboard.reading.views.data', …"""
    parts = module.removeprefix("dashboard.").split(".")
    wing = parts[0] if len(parts) > 1 else ""
    short = "views" if "views" in parts else parts[-1]
    layer = next(i for i, names in enumerate(WINGS[wing]) if short in names)
    return ORDER.index(wing), layer


def test_every_dashboard_module_has_a_layer():
    for module in _dashboard_modules():
        assert _layer(module) is not None, module


def test_no_module_imports_from_a_layer_above_it():
    for module, path in _dashboard_modules().items():
        for imported in _imports(path, "dashboard"):
            if imported == "dashboard" or imported.count(".") == 1 and imported.split(".")[1] in WINGS:
                continue  # a package itself (its __init__ says what the wing is for)
            assert _layer(imported) <= _layer(module), f"{module} reaches up to {imported}"


def test_no_import_circles():
    graph = {module: {i for i in _imports(path, "dashboard") if i in _dashboard_modules()}
             for module, path in _dashboard_modules().items()}

    def visit(module, trail):
        assert module not in trail, " → ".join([*trail, module])
        for imported in graph.get(module, ()):
            visit(imported, [*trail, module])

    for module in graph:
        visit(module, [])


def test_queries_know_no_language_and_no_streamlit_widgets():
    imported = _imports(ROOT / "dashboard" / "storing" / "queries.py", "dashboard")
    assert not imported & {"dashboard.kernel.i18n", "dashboard.reading.labels", "dashboard.reading.widgets", "dashboard.reading.controls"}


@pytest.mark.parametrize("path", sorted((ROOT / "dashboard").rglob("*.py")), ids=lambda p: p.name)
def test_no_dashboard_file_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_tests_benchmarks_and_deploy_do_not_import_each_other():
    for folder, forbidden in (("tests", "benchmarks"), ("benchmarks", "tests"), ("deploy", "tests"),
                              ("deploy", "benchmarks"), ("dashboard", "tests"), ("dashboard", "benchmarks")):
        for path in (ROOT / folder).rglob("*.py"):
            assert not _imports(path, forbidden), f"{path.relative_to(ROOT)} imports {forbidden}"


def test_no_test_module_imports_another():
    for path in (ROOT / "tests").rglob("*.py"):
        others = {name for name in _imports(path, "tests") if name.split(".")[-1].startswith("test_")}
        assert not others, f"{path.relative_to(ROOT)} imports {others}"


def test_docs_architecture_names_every_module_and_no_other():
    """docs/architecture.md is drawn from the code: a module added, renamed or removed shows here."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:kernel|storing|adding|reading|editing)/[a-z0-9_]+\.py|app\.py|edit\.py|extract\.py|publish\.py|previews\.py)`", text))
    modules = {str(p.relative_to(ROOT / "dashboard")) for p in (ROOT / "dashboard").rglob("*.py")
               if p.name != "__init__.py" and "views" not in p.parts}
    assert modules - named == set(), "missing from docs/architecture.md"
    assert named - modules == set(), "named in docs/architecture.md but not in dashboard/"
    views = {p.stem for p in (ROOT / "dashboard" / "reading" / "views").glob("*.py") if p.name != "__init__.py"}
    listed = re.search(r"`reading/views/\*\.py` \| one thin file per page, read like a report: ([^|]+)\|", text).group(1)
    assert views == {name.strip() for name in listed.split(",")}


def test_charts_and_queries_load_neither_streamlit_nor_frictionless():
    """The builders and the queries are pure: a benchmark, a notebook or a test imports them without
    Streamlit's runtime or the package validator (a fresh interpreter, so nothing else loaded them)."""
    code = ("import sys, dashboard.reading.charts, dashboard.storing.queries; "
            "print(sorted(m for m in ('streamlit', 'frictionless') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]", run.stdout + run.stderr


def test_unit_tests_mirror_the_wings():
    """The tests of dashboard/<wing>/<module>.py are tests/unit/<wing>/test_<module>.py (those of an entry point,
    dashboard/<module>.py, at the top of tests/unit/ beside the whole-project checks): a folder of tests/unit/ is a
    wing of dashboard/, and a module's tests are never filed under another wing."""
    unit = ROOT / "tests" / "unit"
    packages = {path.parent.name for path in (ROOT / "dashboard").glob("*/__init__.py")}
    wings_of: dict[str, set[str]] = {}  # 'queries' → {'storing'}, 'publish' → {''}, 'data' (a view) → {'reading'}
    for module, path in _dashboard_modules().items():
        parts = module.split(".")
        wings_of.setdefault(path.stem, set()).add(parts[1] if len(parts) > 2 else "")
    misplaced = []
    for path in sorted(unit.rglob("test_*.py")):
        where = path.relative_to(ROOT)
        folders = path.relative_to(unit).parts[:-1]
        wing = folders[0] if folders else ""
        if wing and wing not in packages:
            misplaced.append(f"{where}: tests/unit/{wing}/ mirrors no package dashboard/{wing}/")
        if not all((unit / Path(*folders[:n]) / "__init__.py").exists() for n in range(1, len(folders) + 1)):
            misplaced.append(f"{where}: a folder without __init__.py (the tests import `tests.…` as packages)")
        tested = path.stem.removeprefix("test_")
        homes = wings_of.get(tested, {wing})  # a test named for no module (test_charts_palette.py) may sit anywhere
        if wing not in homes:
            home = "".join(f"{h}/" for h in sorted(homes)[:1] if h)
            misplaced.append(f"{where} tests dashboard/{home}{tested}.py: its place is tests/unit/{home}{path.name}")
    assert not misplaced, "\n".join(misplaced)
