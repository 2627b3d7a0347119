"""Every address the app writes comes from the one link builder, from registry entries and codes."""
import ast
import re
from pathlib import Path

import pytest

from dashboard.reading.registry import PAGES
from dashboard.reading.url_state import KEYS, View
from dashboard.reading.urls import RELATIVE, Urls
from tests.conftest import ROOT

BUILDERS = {"dashboard/reading/urls.py", "dashboard/reading/url_state.py", "dashboard/reading/registry.py"}
PATHS = "|".join(page.url_path for page in PAGES if page.url_path)
# A page path with a query ('figure?id=', 'data?lang='), or one of our query keys being assigned ('&region=').
HAND_WRITTEN = re.compile(rf"(?:^|[/\"'])(?:{PATHS})\?|[?&](?:{'|'.join((*KEYS, 'id'))})=")


def _strings(path: Path) -> list[str]:
    """The string literals code uses (f-strings as written), docstrings left out: prose may show an address."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    found = [node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]
    return found + [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)]


@pytest.mark.parametrize("path", sorted((ROOT / "dashboard").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_address_is_written_outside_the_link_builder(path):
    if str(path.relative_to(ROOT)) in BUILDERS:
        return
    written = [text for text in _strings(path) if HAND_WRITTEN.search(text)]
    assert not written, f"{path.relative_to(ROOT)} writes an address by hand: {written}"


def test_the_scan_catches_a_hand_written_address():
    assert HAND_WRITTEN.search('f"figure?id={fact_id}"') and HAND_WRITTEN.search("data?lang=en")
    assert HAND_WRITTEN.search("&region=330902") and not HAND_WRITTEN.search("数据与来源")


def test_page_links_come_from_the_registry_and_the_view():
    view = View("en", "330902", "cases_filed")
    assert RELATIVE.page("enforcement", view) == "enforcement?lang=en&region=330902&metric=cases_filed"
    assert RELATIVE.page("overview", view) == "?lang=en&region=330902&metric=cases_filed"
    assert RELATIVE.figure("zs-2018 1", "zh") == "figure?id=zs-2018+1&lang=zh"


def test_a_shared_link_is_the_full_address_under_the_proxy_path():
    urls = Urls("https://example.org/qinglian/enforcement?lang=zh", prefix="qinglian")
    assert urls.share("data", View("en", "330902")) == "https://example.org/qinglian/data?lang=en&region=330902"
    assert urls.share("overview", View("zh")) == "https://example.org/qinglian/?lang=zh&region=330900"
    assert Urls("http://localhost:8501/").share("figure", View("en", fact_id="f1")).endswith("/figure?id=f1&lang=en&region=330900")


def test_a_report_link_exists_only_when_set_up(monkeypatch):
    assert Urls.report(["f1"], "https://x/", "en") == ""
    monkeypatch.setenv("QINGLIAN_REPORT_URL", "https://github.com/o/r/issues/new")
    link = Urls.report(["f1", "f1"], "https://x/?lang=en", "en")
    assert link.startswith("https://github.com/o/r/issues/new?title=") and "f1%2C" not in link
    monkeypatch.setenv("QINGLIAN_REPORT_URL", "javascript:alert(1)")
    assert Urls.report(["f1"], "https://x/", "en") == ""
