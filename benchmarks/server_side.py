"""Server-side script run time per page, in Streamlit's AppTest (the same script a browser rerun runs).

AppTest adds its own small overhead (a script thread, collecting the elements); the floor app
is timed the same way, so its figure shows that overhead.
"""
from __future__ import annotations

import functools
import logging
import os
import time
from contextlib import contextmanager

from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from benchmarks.browser import APP, PAGE_FILES, START
from benchmarks.stats import Figure
from deploy.server import ROOT

FLOOR = str(ROOT / "benchmarks" / "floor_app.py")

# A server scans every installed distribution for Streamlit components once, when it starts (streamlit's
# Runtime); AppTest scans again for each new AppTest: 0.3-0.9 s on this venv's 95 distributions, which a
# reader never waits for. Done once here, at import, as a server does at start, so that the first page
# run of a replica is timed as its first reader meets it (#32).
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)
manifest_scanner.scan_component_manifests()


@contextmanager
def package(path: str | None):
    """Point QINGLIAN_DATA at `path` (None: the bundled package) for the block."""
    old = os.environ.get("QINGLIAN_DATA")
    if path:
        os.environ["QINGLIAN_DATA"] = path
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("QINGLIAN_DATA", None)
        else:
            os.environ["QINGLIAN_DATA"] = old


def page_session(app: str, path: str, region: str = START) -> AppTest:
    os.environ["FLOOR_DEFAULT_PAGE"] = path
    at = AppTest.from_file(app, default_timeout=120)
    at.query_params["region"] = region
    at.run()
    if path and app == APP:
        at.switch_page(PAGE_FILES[path]).run()
    return at


def script_runs(runs: int, app: str = APP, label: str = "dashboard") -> dict[str, Figure]:
    """A rerun of each page with nothing changed (e.g. a widget interaction elsewhere)."""
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    figures = {}
    for path in PAGE_FILES:
        at = page_session(app, path)
        at.run()  # warm: caches filled, modules imported
        figure = Figure(f"script run {path or '/'} ({label})", "ms")
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            figure.values.append((time.perf_counter() - started) * 1000)
        figures[path] = figure
    return figures


def distinct_views(n: int, codes: list[str]) -> tuple[dict[str, AppTest], int]:
    """`n` views, no two alike while `codes` has n / pages districts or more: every page in turn (a session
    each, as a reader keeps a tab per page), through districts `codes`, in Chinese, then in English.
    Returns the sessions and how many turns (a district on every page) were made."""
    sessions = {path: page_session(APP, path) for path in PAGE_FILES}
    done, turn = 0, 0
    while done < n:
        for at in sessions.values():
            if done == n:
                break
            _view(at, codes, turn)
            done += 1
        turn += 1
    return sessions, turn


def _view(at: AppTest, codes: list[str], turn: int) -> None:
    at.session_state["region"] = codes[turn % len(codes)]
    at.session_state["lang"] = ("zh", "en")[turn // len(codes) % 2]
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def views_again(sessions: dict[str, AppTest], codes: list[str], turns: int, back: int) -> list[float]:
    """The views of the last `back` turns of distinct_views, made again oldest first (a reader going back to
    districts seen lately): each run's time in ms."""
    times = []
    for turn in range(max(0, turns - back), turns):
        for at in sessions.values():
            started = time.perf_counter()
            _view(at, codes, turn)
            times.append((time.perf_counter() - started) * 1000)
    return times


def filter_reruns(runs: int, codes: list[str], label: str) -> dict[str, Figure]:
    """The rerun after picking another district, per page, cycling through region `codes`.

    AppTest keeps no handle on sidebar widgets drawn before a page switch, so the pick is made
    the way the widget makes it: the district's code goes into session state, then a rerun.
    """
    figures = {}
    for path in PAGE_FILES:
        at = page_session(APP, path)
        figure = Figure(f"filter rerun {path or '/'} ({label})", "ms")
        for run in range(runs):
            at.session_state["region"] = codes[run % len(codes)]
            started = time.perf_counter()
            at.run()
            figure.values.append((time.perf_counter() - started) * 1000)
            assert not at.exception, [e.value for e in at.exception]
        figures[path] = figure
    return figures
