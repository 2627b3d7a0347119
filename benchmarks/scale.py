"""National scale: the SYNTHETIC package of benchmarks/national.py, served by the same code.

Each figure runs in a fresh Python process (so "load" includes nothing cached and "peak" is that
process's maximum resident memory): load + validate; then the server-side rerun after picking
another district, on every page, and the points each chart ships to the browser.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from benchmarks.report import TARGETS, table, verdict
from benchmarks.stats import Figure
from deploy.server import ROOT

# Districts the selector offers at this scale: every county (the synthetic figures are county-level) and the default city.
PICKS = ["330902", "110101", "440105", "330900", "650808", "510203"]

# This process's own peak resident memory. Not ru_maxrss: Linux carries the parent's peak into it
# across fork and exec, so a child of a 1 GB parent (the one that just wrote the package) reported
# 1 GB whatever it did itself. VmHWM belongs to the process's own address space.
PEAK = """
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

LOAD = PEAK + """
import json, sys, time
t = time.perf_counter()
from dashboard.storing.package import read_package
imported = time.perf_counter()
ds = read_package(sys.argv[1])
print(json.dumps({"load_s": time.perf_counter() - imported, "import_s": imported - t,
                  "peak_mb": peak_mb(), "facts": len(ds.facts), "regions": len(ds.regions)}))
"""

RERUNS = PEAK + """
import json, logging, sys
logging.disable(logging.WARNING)
from benchmarks import server_side
from benchmarks.browser import APP, PAGE_FILES
from dashboard.storing.package import load_dataset
from dashboard.reading.controls import region_labels
runs, picks = int(sys.argv[1]), sys.argv[2].split(",")
figures = server_side.filter_reruns(runs, picks, "national")
points = {}
for path in PAGE_FILES:
    for code in picks:
        at = server_side.page_session(APP, path)
        at.session_state["region"] = code
        at.run()
        for chart in at.get("plotly_chart"):
            spec = json.loads(chart.proto.spec)
            n = sum(len(t.get(k) or []) if k != "z" else sum(len(r) for r in t.get("z") or [])
                    for t in spec["data"] for k in ("x", "y", "z"))
            points[f"/{path} {code}"] = max(points.get(f"/{path} {code}", 0), n)
labels = list(region_labels(load_dataset()).values())
print(json.dumps({"reruns": {p: f.values for p, f in figures.items()}, "points": points,
                  "peak_mb": peak_mb(), "labels": len(labels), "unique_labels": len(set(labels))}))
"""


def _python(code: str, *args: str, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, timeout=1800)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def section(runs: int, log=print) -> str:
    from benchmarks import national

    with tempfile.TemporaryDirectory(prefix="qinglian-national-") as folder:
        descriptor = str(national.write(folder))
        log(f"synthetic national package written to {folder}")
        load, peak_load = Figure("load + validate", "s"), Figure("peak after load", "MB")
        imports = Figure("imports", "s")
        for run in range(runs):
            result = _python(LOAD, descriptor)
            load.values.append(result["load_s"])
            imports.values.append(result["import_s"])
            peak_load.values.append(result["peak_mb"])
        log("national load runs done")
        reruns = _python(RERUNS, str(runs), ",".join(PICKS), env={"QINGLIAN_DATA": descriptor})
    rows = [["load + validate (fresh process, after imports)", "s", *load.cells(2), f"≤ {TARGETS['load_s']}",
             verdict(load.median <= TARGETS["load_s"])],
            ["imports before it (streamlit, pandas, frictionless: once per process, any data)", "s", *imports.cells(2), "", ""],
            ["peak memory after load", "MB", *peak_load.cells(), f"≤ {TARGETS['peak_mb']}", verdict(max(peak_load.values) <= TARGETS["peak_mb"])]]
    for path, values in reruns["reruns"].items():
        figure = Figure(path, "ms", values)
        rows.append([f"filter rerun `/{path}`", "ms", *figure.cells(), f"≤ {TARGETS['scale_rerun_ms']}",
                     verdict(figure.median <= TARGETS["scale_rerun_ms"])])
    rows.append(["peak memory, server process after all reruns", "MB", f"{reruns['peak_mb']:.0f}", "", "",
                 f"≤ {TARGETS['peak_mb']}", verdict(reruns["peak_mb"] <= TARGETS["peak_mb"])])
    most = max(reruns["points"].items(), key=lambda item: item[1])
    rows.append([f"most points in one chart ({most[0]})", "points", str(most[1]), "", "", f"≤ {TARGETS['points']}",
                 verdict(most[1] <= TARGETS["points"])])
    return "\n".join([
        f"## National scale (SYNTHETIC package: {result['regions']:,} regions, {result['facts']:,} facts)", "",
        f"District selector: {reruns['labels']:,} districts, {reruns['unique_labels']:,} distinct labels "
        "(Streamlit's select box filters as you type; a repeated county name carries its city).",
        f"Reruns cycle through districts {', '.join(PICKS)}; {runs} reruns per page.", "",
        table(["figure", "unit", "median", "min", "max", "target", ""], rows)])
