"""Two versions of the dashboard side by side: `python -m benchmarks.versions OLD_CHECKOUT [--runs 7]`.

For a change that should not cost speed (a refactor): this checkout and another one (e.g.
`git worktree add /tmp/before <commit>`) are served at once, and each page is loaded and its
district picked in turn, pick by pick, as `benchmarks.browser` does against the floor. Prints a
Markdown table of medians and ratios (this / other). Not part of `python -m benchmarks`.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from contextlib import contextmanager

from benchmarks import browser
from benchmarks.report import table
from deploy.browser import launch
from deploy.server import ROOT, free_port, streamlit_command, wait_healthy


@contextmanager
def served(checkout: str, env: dict | None = None):
    """The dashboard of `checkout`, its own code first on the path (and `env` set, e.g. QINGLIAN_STORE)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": checkout, **(env or {})}
    child = subprocess.Popen(streamlit_command(port), cwd=checkout, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", child)
        yield f"http://127.0.0.1:{port}"
    finally:
        child.terminate()
        child.wait(timeout=15)


def compare(urls: dict[str, str], runs: int, log=print) -> list[list[str]]:
    """Rows (page, round trip other / this, ratio, cold load other / this, ratio) for two served dashboards,
    `urls` = {"this": …, "other": …}, loaded and picked in turn, pick by pick."""
    from playwright.sync_api import sync_playwright

    counts = browser.chart_counts()
    picks = {name: {path: [] for path in browser.PAGE_FILES} for name in urls}
    cold = {name: {path: [] for path in browser.PAGE_FILES} for name in urls}
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        for url in urls.values():  # warm both (imports, first runs) before timing
            for path in browser.PAGE_FILES:
                browser._cold_load(chromium, url, path, counts[path][browser.START])[0].close()
        for run in range(runs):
            for path in browser.PAGE_FILES:
                for name, (load, times) in browser._paired(chromium, urls, path, counts[path]).items():
                    cold[name][path].append(load)
                    picks[name][path].extend(times)
            log(f"run {run + 1}/{runs}")
        chromium.close()
    rows = []
    for path in browser.PAGE_FILES:
        p_other, p_this = statistics.median(picks["other"][path]), statistics.median(picks["this"][path])
        c_other, c_this = statistics.median(cold["other"][path]), statistics.median(cold["this"][path])
        rows.append([f"`/{path}`", f"{p_other:.0f} / {p_this:.0f}", f"{p_this / p_other:.2f}x",
                     f"{c_other:.0f} / {c_this:.0f}", f"{c_this / c_other:.2f}x"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", help="the other checkout's folder")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with served(str(ROOT)) as this, served(args.other) as other:
        rows = compare({"this": this, "other": other}, args.runs, log=lambda m: print(m, file=sys.stderr, flush=True))
    print(table(["page", "round trip other / this (ms)", "this / other", "cold load other / this (ms)", "this / other"],
                rows))


if __name__ == "__main__":
    main()
