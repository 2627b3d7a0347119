"""In Chromium: markup from data files and from the URL stays text, and a broken package keeps the last good view.

A copy of the package puts `<img src=x onerror=alert(1)>` in every fact note and quote, every
source title and publisher, and an indicator's labels; the link carries it too. No dialog may open
and no such element may exist, while the string itself is visible as text.
"""
import csv
import io
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from dashboard.kernel.i18n import t
from dashboard.storing.package import read_package
from deploy.browser import wait_for_app
from deploy.server import running_app
from tests.conftest import PACKAGE

pytestmark = pytest.mark.e2e
IMG = "<img src=x onerror=alert(1)>"


def _rewrite(file: Path, change) -> None:
    rows = list(csv.DictReader(io.StringIO(file.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(change(row) or row for row in rows)
    file.write_text(out.getvalue(), encoding="utf-8")


def hostile_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(PACKAGE.parent, folder)
    _rewrite(folder / "facts.csv", lambda r: r.update(note=f"{IMG} note", locator=IMG))
    _rewrite(folder / "sources.csv", lambda r: r.update(title=f"{IMG} title", publisher=f"{IMG} publisher"))
    _rewrite(folder / "indicators.csv", lambda r: r.update(label_zh=f"立案数{IMG}", label_en=f"Cases filed {IMG}")
             if r["id"] == "cases_filed" else None)
    return folder / "datapackage.json"


def test_markup_in_data_and_in_the_link_renders_as_text(tmp_path, new_page, own_ports):
    with running_app(env={"QINGLIAN_DATA": str(hostile_copy(tmp_path))}, port=own_ports.app) as url:
        metric = quote(f"立案数{IMG} · Cases filed {IMG}")
        page = new_page()  # each link opened is a new session of its own
        for path in (f"?region={quote(IMG)}", f"enforcement?metric={metric}&lang={quote(IMG)}", "data",
                     "sectors?" + "&".join(f"sector_{s}=true" for s in read_package(PACKAGE).sectors["id"])):
            page.goto(f"{url}/{path}")
            wait_for_app(page)
            for expander in page.locator("[data-testid='stExpander'] summary").all():
                # Open the source notes, where titles, publishers and quotes are drawn (the sectors are
                # opened by the link). A DOM click: the expanders above are still animating open, which
                # a pointer click waits out forever.
                expander.evaluate("summary => summary.parentElement.open || summary.click()")
            # /data lists sources in a table drawn on a canvas; its markup text shows in the coverage
            # matrix's row label, cut to fit. Once it shows as text, the opened notes are drawn too.
            visible = "立案数<img src=x" if path == "data" else IMG
            page.wait_for_function("text => document.querySelector(\"[data-testid='stMain']\").innerText.includes(text)",
                                   arg=visible, timeout=30_000)
            assert page.locator("img[src='x'], img[onerror]").count() == 0, path


def test_browser_keeps_the_last_good_figures_when_the_package_breaks(tmp_path, new_page, own_ports):
    folder = tmp_path / "data"
    shutil.copytree(PACKAGE.parent, folder)
    with running_app(env={"QINGLIAN_DATA": str(folder / "datapackage.json")}, port=own_ports.app) as url:
        page = new_page()
        page.goto(url)
        wait_for_app(page)
        before = page.locator(".qc-value").all_inner_texts()
        facts = folder / "facts.csv"
        facts.write_text(facts.read_text(encoding="utf-8").replace(",exact,", ",roughly,", 1), encoding="utf-8")
        page.reload()
        wait_for_app(page)
        assert page.locator(".qc-value").all_inner_texts() == before and before
        warnings = page.locator("[data-testid='stAlertContentWarning']").all_inner_texts()
        assert any(t("error.stale_data", "zh") in w for w in warnings), warnings
