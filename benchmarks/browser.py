"""Headless Chromium timings of the dashboard against the floor app, interleaved ABAB in one run.

Cold load: a fresh browser context (own cache, own Streamlit session) opens the page; the clock
stops when every Plotly chart of the page has drawn its SVG and Streamlit reports its script as
not running. Filter round trip: on a loaded page, pick a district in the sidebar; the clock stops
when the script has run again and the charts are drawn. Three picks per page load (ROUTE), the
dashboard's and the floor's taken in turn on the two pages open side by side.
"""
from __future__ import annotations

import json
import time
from contextlib import ExitStack

from streamlit.testing.v1 import AppTest

from benchmarks.stats import Figure
from dashboard.reading.registry import REPORTS
from deploy.browser import launch
from deploy.server import ROOT, running_app

APP = str(ROOT / "dashboard" / "app.py")
PAGE_FILES = {page.url_path: page.file for page in REPORTS}  # "" is the overview, at /
START, PICK = "舟山市 Zhoushan", "定海区 Dinghai District"  # the default district, and the one picked
# Round trips per page load: to 定海区, back to 舟山市, to 定海区 again. Three samples per run, each a
# whole rerun and redraw, make the median steadier than one pick per cold load did (±50 ms per pick).
ROUTE = (START, PICK, START, PICK)
PICKS = len(ROUTE) - 1
# Ready: script idle, `n` chart containers, each with Plotly's SVG drawn inside.
READY_JS = """n => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  return charts.length === n && [...charts].every(c => c.querySelector('.js-plotly-plot .main-svg'));
}"""
# Set before a filter change: watch the script state, and remember the charts as Plotly drew them.
WATCH_JS = """() => {
  window.__ran = false;
  const app = document.querySelector('[data-testid="stApp"]');
  // A fast run can go running -> notRunning between two callbacks: look at every record's old value too.
  new MutationObserver(records => {
    if (app.dataset.testScriptState === 'running' || records.some(r => r.oldValue === 'running')) window.__ran = true;
  }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
  // A run fast enough to finish within one React commit leaves no trace in that attribute at all
  // (seen with the floor); a chart Plotly drew again since still proves the run. Plotly gives each
  // drawing a new _fullLayout object: remember the current ones.
  window.__drawn = new WeakSet([...document.querySelectorAll('.js-plotly-plot')].map(g => g._fullLayout).filter(Boolean));
  // So does any change of the page's text or elements (the picker's list lives outside stMain):
  // on /data the chart stays the same for every district and only the table and captions change.
  window.__changed = false;
  new MutationObserver(() => { window.__changed = true; }).observe(
    document.querySelector('[data-testid="stMain"]'), {childList: true, characterData: true, subtree: true});
}"""
# A rerun is proven by the observers (a chart added or removed is a change in stMain too), or by a chart
# Plotly drew anew (which may only change attributes).
REDRAWN_JS = ("n => (window.__ran || window.__changed || [...document.querySelectorAll('.js-plotly-plot')]"
              ".some(g => g._fullLayout && !window.__drawn.has(g._fullLayout))) && (" + READY_JS + ")(n)")


def chart_counts(paths=None, regions=(START, PICK)) -> dict[str, dict[str, int]]:
    """Charts the dashboard draws per page and district (AppTest runs the very same script); all pages
    and both districts unless `paths` / `regions` say fewer."""
    counts: dict[str, dict[str, int]] = {}
    for path, file in PAGE_FILES.items():
        if paths is not None and path not in paths:
            continue
        for region in regions:
            at = AppTest.from_file(APP, default_timeout=90)
            at.query_params["region"] = region
            at.run()
            at.switch_page(file).run()
            counts.setdefault(path, {})[region] = len(at.get("plotly_chart"))
    return counts


def measure(runs: int, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    counts = chart_counts()
    log(f"charts per page and district: {counts}")
    floor_env = _floor_env(counts)
    results = {kind: {app: {path: Figure(f"{kind} {path or '/'}", "ms") for path in PAGE_FILES}
                      for app in ("dashboard", "floor")} for kind in ("cold", "filter")}
    with ExitStack() as stack, sync_playwright() as playwright:
        urls = {"dashboard": stack.enter_context(running_app()),
                "floor": stack.enter_context(running_app("benchmarks/floor_app.py", env=floor_env))}
        browser = launch(playwright)
        try:
            for app in urls:  # warm both servers (imports, first script run) before timing
                for path in PAGE_FILES:
                    _cold_load(browser, urls[app], path, counts[path][START])[0].close()
            for run in range(runs):
                for path in PAGE_FILES:
                    try:
                        measured = _paired(browser, urls, path, counts[path])
                    except Exception as error:  # one stuck page must not lose the whole run: retry once
                        log(f"retrying /{path}: {str(error).splitlines()[0]}")
                        measured = _paired(browser, urls, path, counts[path])
                    for app, (cold, picks) in measured.items():
                        results["cold"][app][path].values.append(cold)
                        results["filter"][app][path].values.extend(picks)
                log(f"browser run {run + 1}/{runs} done")
        finally:
            browser.close()
    return results


def _floor_env(counts: dict) -> dict[str, str]:
    # FLOOR_DEFAULT_PAGE is blanked: the server-side timing sets it in this process, and a served
    # floor that inherited it would open on another page than the one measured.
    return {"FLOOR_CHARTS": json.dumps(counts, ensure_ascii=False),
            "FLOOR_REGIONS": json.dumps(_region_labels(), ensure_ascii=False), "FLOOR_DEFAULT_PAGE": ""}


def _region_labels() -> list[str]:
    from dashboard.kernel.settings import package_path
    from dashboard.reading.controls import region_labels
    from dashboard.storing.package import read_package

    return list(region_labels(read_package(package_path())).values())


def _cold_load(browser, url: str, path: str, charts: int):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")  # the picker is labelled 地区
    page = context.new_page()
    started = time.perf_counter()
    page.goto(f"{url}/{path}")
    page.wait_for_function(READY_JS, arg=charts, timeout=60_000, polling="raf")
    return context, page, (time.perf_counter() - started) * 1000


def _paired(browser, urls: dict[str, str], path: str, counts: dict[str, int]) -> dict[str, tuple[float, list[float]]]:
    """Per app: a cold load of the page, then its district picks. The two apps load one after the
    other and then pick in turn (dashboard, floor, dashboard, ...), both pages open side by side,
    so a busy moment of the machine falls on both alike rather than on one app's whole series."""
    contexts, pages, measured = [], {}, {}
    try:
        for app, url in urls.items():
            context, pages[app], cold = _cold_load(browser, url, path, counts[START])
            contexts.append(context)
            measured[app] = (cold, [])
        for to in ROUTE[1:]:
            for app, page in pages.items():
                measured[app][1].append(_pick(page, to, counts[to]))
        return measured
    finally:
        for context in contexts:
            context.close()


def _pick(page, region: str, charts: int) -> float:
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="地区").first
    box.click()
    option = page.get_by_role("option", name=region, exact=True)
    option.wait_for()
    page.evaluate(WATCH_JS)
    started = time.perf_counter()
    option.click()
    page.wait_for_function(REDRAWN_JS, arg=charts, timeout=60_000, polling="raf")
    return (time.perf_counter() - started) * 1000


SESSIONS = 20


def session_memory(runs: int, log=print) -> dict[str, Figure]:
    """Server RSS growth per extra browser session: 1 warm session, then 20 more, fresh server each run."""
    from playwright.sync_api import sync_playwright

    counts = chart_counts()
    floor_env = _floor_env(counts)
    results = {app: Figure(f"memory per session ({app})", "MB") for app in ("dashboard", "floor")}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for run in range(runs):
                for app, script, env in (("dashboard", "dashboard/app.py", None),
                                         ("floor", "benchmarks/floor_app.py", floor_env)):
                    try:
                        with running_app(script, env=env) as url:
                            results[app].values.append(_per_session_mb(browser, url, counts[""][START]))
                    except Exception as error:  # reported as fewer runs, not a lost report
                        log(f"memory run {run + 1} of {app} failed: {str(error).splitlines()[0]}")
                log(f"memory run {run + 1}/{runs} done")
        finally:
            browser.close()
    return results


def _per_session_mb(browser, url: str, charts: int) -> float:
    server = _server_process(url)
    context, _, _ = _cold_load(browser, url, "", charts)
    time.sleep(1)
    before = server.memory_info().rss
    contexts = [browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN") for _ in range(SESSIONS)]
    try:
        pages = [c.new_page() for c in contexts]
        for page in pages:
            page.goto(url, wait_until="commit")
        for page in pages:
            page.wait_for_function(READY_JS, arg=charts, timeout=120_000, polling=100)
        time.sleep(1)
        after = server.memory_info().rss
    finally:
        for c in [context, *contexts]:
            c.close()
    return (after - before) / SESSIONS / 2**20


def _server_process(url: str):
    """The `streamlit run` child of this process that serves `url`."""
    import psutil

    port = url.rsplit(":", 1)[1]
    for child in psutil.Process().children(recursive=True):
        if "streamlit" in " ".join(child.cmdline()) and port in child.cmdline():
            return child
    raise RuntimeError(f"no streamlit child process serves {url}")
