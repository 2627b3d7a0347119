"""`python -m benchmarks [--runs 7] [--quick]`: measure everything, write BENCHMARKS.md.

Targets are reported here, never asserted in tests: a shared machine must not fail the build.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
from importlib.metadata import version

from benchmarks.browser import PAGE_FILES, PICKS
from benchmarks.report import TARGETS, table, verdict
from benchmarks.stats import Figure, ratio
from deploy.server import ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (at least 7 for the report)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["browser", "memory", "server", "scale", "extraction", "quality", "phone"])
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args()
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    sections = _Report(args.output, [_header(args.runs)])
    if "browser" not in args.skip:
        from benchmarks import browser
        sections.append(_browser_section(browser.measure(args.runs, log)))
    if "server" not in args.skip:
        from benchmarks import server_side
        sections.append(_server_section(server_side.script_runs(args.runs),
                                        server_side.script_runs(args.runs, server_side.FLOOR, "floor")))
    if "memory" not in args.skip:
        from benchmarks import browser
        sections.append(_memory_section(browser.session_memory(args.runs, log)))
    if "scale" not in args.skip:
        from benchmarks import scale
        sections.append(scale.section(args.runs, log))
    if "extraction" not in args.skip:
        from benchmarks import extraction
        sections.append(extraction.section(args.runs))
    if "quality" not in args.skip:
        from benchmarks import extraction_quality
        if quality := extraction_quality.report(extraction_quality.PASSAGES, "test", log):
            sections.append(quality[0])
    if "phone" not in args.skip:
        from benchmarks import phone
        sections.append(phone.section(max(3, args.runs // 2), log))
    log(f"wrote {args.output}")


class _Report(list):
    """The sections so far, rewritten to the file after each one: a late failure keeps the early figures."""

    def __init__(self, path: str, sections: list[str]):
        super().__init__(sections)
        self.path = path

    def append(self, section: str) -> None:
        super().append(section)
        with open(self.path, "w", encoding="utf-8") as out:
            out.write("\n\n".join(self) + "\n")


def _header(runs: int) -> str:
    import psutil

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    versions = ", ".join(f"{name} {version(name)}" for name in ("streamlit", "plotly", "pandas", "pyarrow", "frictionless", "playwright"))
    return "\n".join([
        "# Benchmarks",
        "",
        "Written by `python -m benchmarks` (see README, \"Benchmarks\"); do not edit by hand.",
        "",
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}; commit {commit}",
        f"- machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GB memory, "
        f"{platform.platform()}, load average at start {', '.join(f'{x:.1f}' for x in os.getloadavg())}",
        f"- versions: Python {platform.python_version()}, {versions}, {chromium}",
        f"- every figure: median, min and max over {runs} runs ({runs * PICKS} picks for the filter round trip); "
        "ratios are dashboard median / floor median",
        "- the floor is `benchmarks/floor_app.py`: the same page paths, sidebar widgets, tables, downloads "
        "and number of Plotly charts per page and district, drawn from tiny inline data",
    ])


def _browser_section(results: dict) -> str:
    parts = ["## In the browser: dashboard against the floor (headless Chromium, interleaved ABAB)"]
    for kind, what, target in (("cold", "Cold page load until every chart is drawn and Streamlit is idle", TARGETS["cold"]),
                               ("filter", "Filter round trip: pick a district in the sidebar until the charts are redrawn; "
                                f"{PICKS} picks per page load (定海区, 舟山市, 定海区), every pick a sample", TARGETS["filter"])):
        rows = []
        for path in PAGE_FILES:
            app, floor = results[kind]["dashboard"][path], results[kind]["floor"][path]
            r = ratio(app, floor)
            rows.append([f"`/{path}`", *app.cells(), *floor.cells(), f"{r:.2f}x", f"≤ {target}x", verdict(r <= target)])
        parts += ["", f"### {what} (ms)", "",
                  table(["page", "dashboard median", "min", "max", "floor median", "min", "max", "ratio", "target", ""], rows)]
    return "\n".join(parts)


def _server_section(app: dict[str, Figure], floor: dict[str, Figure]) -> str:
    rows = [[f"`/{path}`", *app[path].cells(1), *floor[path].cells(1), f"≤ {TARGETS['script_ms']}",
             verdict(app[path].median <= TARGETS["script_ms"])] for path in PAGE_FILES]
    return "\n".join(["## On the server: script run per page, bundled data (ms, AppTest rerun)", "",
                      table(["page", "dashboard median", "min", "max", "floor median", "min", "max", "target", ""], rows)])


def _memory_section(results: dict[str, Figure]) -> str:
    app, floor = results["dashboard"], results["floor"]
    rows = [["dashboard", *app.cells(2), f"≤ {TARGETS['session_mb']}", verdict(app.median <= TARGETS["session_mb"])],
            ["floor", *floor.cells(2), "", ""]]
    return "\n".join(["## Server memory per extra browser session (MB; RSS growth from 1 to 21 sessions / 20, fresh server per run)", "",
                      table(["app", "median", "min", "max", "target", ""], rows)])


if __name__ == "__main__":
    main()
