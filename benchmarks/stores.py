"""The national SYNTHETIC package on a database: publishing it, and a replica serving it from DuckDB or PostgreSQL.

    .venv/bin/python -m benchmarks.stores                  # prints the section
    .venv/bin/python -m benchmarks.stores --write BENCHMARKS.md
    .venv/bin/python -m benchmarks.stores --browser --runs 5 --write BENCHMARKS.md   # bundled data, Chromium

Publishing is timed as `python -m dashboard.publish` runs it (validation with the loader's rules,
then one transaction). A replica is a fresh Python process with `QINGLIAN_STORE` set: its memory
after the first page run and after every page's filter reruns is that process's peak resident
memory, and the first page run's server time includes reading the version's small tables.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.report import replace_block, table, verdict
from benchmarks.scale import PEAK, PICKS, _python
from benchmarks.stats import Figure

TARGETS = {"memory_mb": 300, "first_run_s": 2, "rerun_ms": 150, "publish_s": 60}
MARK_START, MARK_END = "<!-- stores:start -->", "<!-- stores:end -->"
BROWSER_START, BROWSER_END = "<!-- stores-browser:start -->", "<!-- stores-browser:end -->"

REPLICA = PEAK + """
import json, logging, sys, time
logging.disable(logging.WARNING)
from benchmarks import server_side
from benchmarks.browser import APP, PAGE_FILES
runs, picks = int(sys.argv[1]), sys.argv[2].split(",")
started = time.perf_counter()
first = server_side.page_session(APP, "")  # the first page run after the process started
first_s = time.perf_counter() - started
assert not first.exception, [e.value for e in first.exception]
after_start = peak_mb()
figures = server_side.filter_reruns(runs, picks, "store")
print(json.dumps({"first_s": first_s, "after_start_mb": after_start, "after_reruns_mb": peak_mb(),
                  "reruns": {p: f.values for p, f in figures.items()}}))
"""

VIEWS = PEAK + """
import json, logging, os, statistics, sys, time
logging.disable(logging.WARNING)
from benchmarks import server_side
from dashboard.reading import section_cache
from dashboard.storing.serving import dataset_and_problems
ds = dataset_and_problems()[0]
codes = sorted(ds.store.values("region"))
started = time.perf_counter()
sessions, turns = server_side.distinct_views(int(sys.argv[1]), codes)
new_ms = (time.perf_counter() - started) * 1000 / int(sys.argv[1])
before = section_cache.report()
again = server_side.views_again(sessions, codes, turns, int(sys.argv[2]))
after = section_cache.report()
with open("/proc/self/status") as status:
    now = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024
print(json.dumps({"peak_mb": peak_mb(), "now_mb": now, "districts": len(codes), **before, "new_ms": new_ms,
                  "again_ms": statistics.median(again), "again_views": len(again), "load": os.getloadavg()[0],
                  "again_hit_rate": (after["cache_hits"] - before["cache_hits"]) / max(1, after["cache_asked"] - before["cache_asked"])}))
"""
BACK = 10  # after the views, those of the last 10 districts again (70 views): how many the cache still answers
VIEWS_START, VIEWS_END = "<!-- stores-views:start -->", "<!-- stores-views:end -->"


def views_section(views: int, log=print) -> str:
    """One replica per store serving `views` distinct views at national scale: its memory afterwards."""
    from benchmarks import national
    from benchmarks.browser import PAGE_FILES
    from dashboard.publish import publish
    from deploy import postgres
    from deploy.server import replica_env

    rows = []
    with tempfile.TemporaryDirectory(prefix="qinglian-views-") as folder, postgres.running_postgres() as server:
        descriptor = national.write(Path(folder) / "package")
        settings = {"package": {"QINGLIAN_DATA": str(descriptor)},
                    "DuckDB": {"QINGLIAN_STORE": f"duckdb:///{folder}/qinglian.duckdb"},
                    "PostgreSQL": {"QINGLIAN_STORE": server.url()}}
        publish(descriptor, settings["DuckDB"]["QINGLIAN_STORE"])
        publish(descriptor, server.url())
        for name, env in settings.items():
            result = _python(VIEWS, str(views), str(BACK), env={**replica_env(), **env})
            log(f"{name}: {result}")
            national = name != "package"  # it holds every fact in memory: not a national-scale store (docs/deploy.md)
            rows.append([name, f"{result['peak_mb']:.0f}", f"{result['now_mb']:.0f}",
                         f"{result['cache_mb']:.1f} of {result['cache_budget_mb']:.0f} ({result['cache_entries']:,} sections)",
                         f"{result['new_ms']:.0f}", f"{result['again_hit_rate']:.0%}, {result['again_ms']:.0f}",
                         f"{result['load']:.1f}",
                         f"≤ {TARGETS['memory_mb']}" if national else "none: not a national-scale store",
                         verdict(result["peak_mb"] <= TARGETS["memory_mb"]) if national else ""])
    return "\n".join([
        VIEWS_START, f"## National scale: a replica's memory after {views:,} distinct views (SYNTHETIC package)", "",
        f"`python -m benchmarks.stores --views {views}`: one fresh replica process per store serving {views:,} views, "
        "no two alike (each page in its own session, through every district with figures, in Chinese then English), "
        f"then the views of the last {BACK} districts again ({BACK * len(PAGE_FILES)} views, oldest first), with the allocators' settings of "
        "deploy/replica.env as the recipe runs a replica. Peak is the process's peak resident set (VmHWM), now its "
        "resident set at the end; the section cache (packed, within QINGLIAN_SECTION_CACHE_MB, "
        "dashboard/reading/section_cache.py) as it stood after the distinct views; a new view's mean time, and of the "
        "views made again, the share of sections the cache answered and the median time (AppTest, server side).", "",
        table(["store", "peak MB", "now MB", "section cache MB", "new view ms", "again: cache hits, ms",
               "load average", "target", ""], rows), VIEWS_END])


def section(runs: int, log=print) -> str:
    from benchmarks import national
    from dashboard.publish import publish
    from deploy import postgres

    rows = []
    with tempfile.TemporaryDirectory(prefix="qinglian-stores-") as folder, postgres.running_postgres() as server:
        descriptor = national.write(Path(folder) / "package")
        log(f"synthetic national package written to {folder}")
        settings = {"DuckDB": f"duckdb:///{folder}/qinglian.duckdb", "PostgreSQL": server.url()}
        for name, url in settings.items():
            started = time.perf_counter()
            publish(descriptor, url)
            seconds = time.perf_counter() - started
            rows.append([f"{name}: publish 1M facts (validate + one transaction)", "s", f"{seconds:.1f}", "", "",
                         f"≤ {TARGETS['publish_s']}", verdict(seconds <= TARGETS["publish_s"])])
            log(f"published to {name} in {seconds:.1f} s")
        for name, url in settings.items():
            first, start_mb, reruns_mb = Figure("first", "s"), Figure("start", "MB"), Figure("reruns", "MB")
            per_page: dict[str, Figure] = {}
            for _ in range(runs):
                result = _python(REPLICA, str(runs), ",".join(PICKS), env={"QINGLIAN_STORE": url})
                first.values.append(result["first_s"])
                start_mb.values.append(result["after_start_mb"])
                reruns_mb.values.append(result["after_reruns_mb"])
                for path, values in result["reruns"].items():
                    per_page.setdefault(path, Figure(path, "ms")).values.extend(values)
            log(f"{name}: {runs} replica processes done")
            rows += [[f"{name}: first page run after the replica starts", "s", *first.cells(2),
                      f"≤ {TARGETS['first_run_s']}", verdict(first.median <= TARGETS["first_run_s"])],
                     [f"{name}: replica memory after that run", "MB", *start_mb.cells(),
                      f"≤ {TARGETS['memory_mb']}", verdict(max(start_mb.values) <= TARGETS["memory_mb"])],
                     [f"{name}: replica memory after every page's reruns", "MB", *reruns_mb.cells(),
                      f"≤ {TARGETS['memory_mb']}", verdict(max(reruns_mb.values) <= TARGETS["memory_mb"])]]
            rows += [[f"{name}: filter rerun `/{path}`", "ms", *figure.cells(), f"≤ {TARGETS['rerun_ms']}",
                      verdict(figure.median <= TARGETS["rerun_ms"])] for path, figure in per_page.items()]
    return "\n".join([
        MARK_START, "## National scale on a database (SYNTHETIC package, `QINGLIAN_STORE`)", "",
        f"`python -m benchmarks.stores --runs {runs}`: the package of benchmarks/national.py published to DuckDB and to "
        f"PostgreSQL ({_postgres_version()}, on loopback, durability off as in the tests), then {runs} fresh replica "
        f"processes per store, each running the overview once and {runs} filter reruns per page through districts "
        f"{', '.join(PICKS)}. Memory is the process's peak resident set (VmHWM).", "",
        table(["figure", "unit", "median", "min", "max", "target", ""], rows), MARK_END])


def browser_section(runs: int, log=print) -> str:
    """The bundled data in Chromium, PostgreSQL store against package store, page by page, loads and picks in turn."""
    from benchmarks.versions import compare, served
    from dashboard.publish import publish
    from deploy import postgres
    from deploy.server import ROOT

    with postgres.running_postgres() as server:
        publish(ROOT / "data" / "datapackage.json", server.url())
        with served(str(ROOT), {"QINGLIAN_STORE": server.url()}) as database, served(str(ROOT)) as package:
            rows = compare({"this": database, "other": package}, runs, log)
    return "\n".join([
        BROWSER_START, "## The bundled data on PostgreSQL, in the browser", "",
        f"`python -m benchmarks.stores --browser --runs {runs}`: the same checkout served twice, reading PostgreSQL "
        "and reading the package, each page loaded cold and its district picked in turn in headless Chromium "
        f"({runs} runs). Target: the database store no slower than the package store (ratio ≤ 1.05x).", "",
        table(["page", "round trip package / PostgreSQL (ms)", "PostgreSQL / package",
               "cold load package / PostgreSQL (ms)", "PostgreSQL / package"], rows), BROWSER_END])


def _postgres_version() -> str:
    from deploy import postgres

    return f"PostgreSQL {Path(postgres.BIN).parts[4]}" if postgres.BIN else "PostgreSQL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="the bundled data in Chromium instead, PostgreSQL vs package")
    parser.add_argument("--views", type=int, help="instead: memory after this many distinct views, per store")
    parser.add_argument("--write", type=Path, help="replace this section in the given Markdown file")
    options = parser.parse_args()
    if options.views:
        text, marks = views_section(options.views), (VIEWS_START, VIEWS_END)
    elif options.browser:
        text, marks = browser_section(options.runs), (BROWSER_START, BROWSER_END)
    else:
        text, marks = section(options.runs), (MARK_START, MARK_END)
    print(text)
    if options.write:
        replace_block(options.write, *marks, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
