"""Readers through nginx while the PostgreSQL behind the replicas stops for 10 s, and while a new version is published.

    .venv/bin/python -m benchmarks.store_faults                     # 30 sessions, 60 s per run, prints the block
    .venv/bin/python -m benchmarks.store_faults --write docs/reliability.md

A throwaway PostgreSQL (deploy/postgres.py) on loopback gets the bundled package (data/datapackage.json)
as version 1; two replicas behind nginx (deploy/local_stack.py) read it (`QINGLIAN_STORE`, the default
version TTL). After a warm-up (one overview per replica, then 10 s of the same load, not counted) come
three runs of `--sessions` protocol sessions (benchmarks/load.py's `load()`, unchanged), `--seconds` each:

1. quiet: nothing else happens;
2. outage: 15 s in, PostgreSQL is stopped (`pg_ctl stop -m fast`), and started again 10 s after it stopped;
3. publish: 15 s in, `python -m dashboard.publish data/datapackage.json --to URL` runs, as an operator
   would (in a process of its own, so its validation does not hold the readers' event loop), and is timed.

An error is what load() counts as one (its strings are reported as they are, grouped by kind). To tell
a change drawn from cached views from one that showed the "data temporarily unavailable" notice, this
benchmark watches the same messages load() reads (it wraps load's message reader and request builder;
what load() counts does not change): per page run, when it was sent and finished, its status, whether
the notice (an st.warning with that text) was drawn, and the exceptions shown. Afterwards the replica
logs are searched for "Traceback".
"""
from __future__ import annotations

import argparse
import asyncio
import contextvars
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import load as protocol
from benchmarks.load import Results, load, percentile, warm_up
from benchmarks.report import replace_block
from dashboard.kernel.i18n import LANGS, t
from dashboard.kernel.settings import TTL_ENV
from dashboard.publish import publish
from deploy import postgres
from deploy.local_stack import running_stack
from deploy.postgres import running_postgres
from deploy.server import ROOT

PACKAGE = ROOT / "data" / "datapackage.json"
MARK_START, MARK_END = "<!-- store-faults:start -->", "<!-- store-faults:end -->"
FAULT_AT = 15.0  # seconds into the run
OUTAGE = 10.0  # seconds between the stop having returned and the start being asked for
WARM_UP = 10.0
NOTICES = {t("error.unavailable", lang) for lang in LANGS}
CURRENT = "SELECT version FROM qinglian_meta.current"


@dataclass
class PageRun:
    sent: float  # monotonic: when load() built the request (just before sending it)
    finished: float  # when its final script_finished arrived
    status: str
    first: bool  # the session's first page run (not a change)
    notice: bool
    exceptions: list[str]

    @property
    def ok(self) -> bool:
        return self.status == "FINISHED_SUCCESSFULLY" and not self.exceptions


@dataclass
class Run:
    name: str
    results: Results
    started: float
    runs: list[PageRun]
    marks: dict = field(default_factory=dict)  # the fault's moments, monotonic

    def changes(self) -> list[PageRun]:
        return [r for r in self.runs if not r.first]


class Watch:
    """Per page run, what load() read: installed around load's own message reader and request builder."""

    def __init__(self):
        self.runs: list[PageRun] = []
        self._sent = contextvars.ContextVar("sent", default=0.0)  # each session is a task: its own context

    @contextmanager
    def installed(self):
        read, rerun = protocol._read_run, protocol._rerun

        def rerun_watched(*args, **kwargs):
            self._sent.set(time.monotonic())
            return rerun(*args, **kwargs)

        def read_watched(message, page):
            seen = page.__dict__.setdefault("_watch", {"notice": False, "exceptions": []})
            if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                kind = element.WhichOneof("type")
                if kind == "alert" and element.alert.body.strip() in NOTICES:
                    seen["notice"] = True
                elif kind == "exception":
                    text = (element.exception.message or "").strip().splitlines()
                    seen["exceptions"].append(f"{element.exception.type}: {text[0][:200] if text else ''}")
            status = read(message, page)
            if status is not None and status != "FINISHED_EARLY_FOR_RERUN":
                page.__dict__.pop("_watch")
                first = not page.__dict__.get("_served")
                page.__dict__["_served"] = True
                self.runs.append(PageRun(self._sent.get(), time.monotonic(), status, first,
                                         seen["notice"], seen["exceptions"]))
            return status

        protocol._read_run, protocol._rerun = read_watched, rerun_watched
        try:
            yield self
        finally:
            protocol._read_run, protocol._rerun = read, rerun


async def _outage(server, executor) -> dict:
    loop = asyncio.get_running_loop()
    await asyncio.sleep(FAULT_AT)
    marks = {"stop asked": time.monotonic()}
    await loop.run_in_executor(executor, server.stop)
    marks["stopped"] = time.monotonic()
    await asyncio.sleep(OUTAGE)
    marks["start asked"] = time.monotonic()
    await loop.run_in_executor(executor, server.start)
    marks["started"] = time.monotonic()
    return marks


def _publish_command(url: str) -> dict:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "dashboard.publish", str(PACKAGE), "--to", url],
                          cwd=ROOT, capture_output=True, text=True)
    marks = {"publish asked": started, "published": time.monotonic(), "returncode": done.returncode,
             "output": (done.stdout.strip() or done.stderr.strip())[-500:]}
    own = re.search(r"published version (\d+) .* in ([\d.]+) s", done.stdout)
    if own:
        marks["version"], marks["own seconds"] = int(own.group(1)), float(own.group(2))
    return marks


async def _publishing(url: str, executor) -> dict:
    await asyncio.sleep(FAULT_AT)
    return await asyncio.get_running_loop().run_in_executor(executor, _publish_command, url)


def run(name: str, url: str, sessions: int, seconds: float, watch: Watch, fault=None) -> Run:
    async def both():
        return await asyncio.gather(load(url, sessions, seconds), *([fault()] if fault else []))

    first = len(watch.runs)
    started = time.monotonic()
    results, *marks = asyncio.run(both())
    print(f"{name}: {len(results.round_trips)} changes answered, {len(results.errors)} errors "
          f"({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    return Run(name, results, started, watch.runs[first:], marks[0] if marks else {})


def error_kind(error: str) -> str:
    """load()'s error string without the session number and the value asked for: what kind of failure."""
    kind = re.sub(r"^session \d+ first run: ", "first run: ", error)
    kind = re.sub(r"^session \d+ \w+=[^:]*: ", "change: ", kind)
    return re.sub(r"^session \d+: ", "connection: ", kind)


def tracebacks(prefix: Path) -> tuple[int, Counter]:
    """'Traceback' lines in the replica logs, and each traceback's last line (the exception) counted."""
    count, last_lines = 0, Counter()
    for log in sorted(prefix.glob("replica-*.log")):
        lines = log.read_text(errors="replace").splitlines()
        for n, line in enumerate(lines):
            if "Traceback" in line:
                count += 1
                after = (l for l in lines[n + 1:] if l.strip() and not l[:1].isspace())
                last_lines[next(after, "?")[:200]] += 1
    return count, last_lines


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _row(label: str, run_: Run, sessions: int) -> str:
    trips = sorted(run_.results.round_trips)
    notices = sum(1 for r in run_.changes() if r.ok and r.notice)
    answered = f"{len(trips)}" + (f" ({notices} with the notice)" if notices else "")
    times = f"{_ms(percentile(trips, 50))} | {_ms(percentile(trips, 95))}" if trips else "– | –"
    return f"| {label} | {answered} | {len(run_.results.errors)} | {times} | {run_.results.sessions_served} / {sessions} |"


def report(quiet: Run, outage: Run, published: Run, versions: tuple, logs: tuple[int, Counter], options) -> str:
    pg = f"PostgreSQL {Path(postgres.BIN).parts[4]}" if postgres.BIN else "PostgreSQL"
    ttl = os.environ.get(TTL_ENV) or "30"
    marks, pub = outage.marks, published.marks
    stop_at = marks["stop asked"] - outage.started
    down = marks["started"] - marks["stopped"]
    pub_label = (f"publish: version {pub['version']} published {pub['publish asked'] - published.started:.0f} s in "
                 f"({pub['published'] - pub['publish asked']:.1f} s)" if pub.get("returncode") == 0
                 else f"publish: failed (exit {pub.get('returncode')})")
    lines = [
        f"### {options.sessions} sessions through nginx with PostgreSQL: an outage and a publish", "",
        f"`.venv/bin/python -m benchmarks.store_faults --sessions {options.sessions} --seconds {options.seconds:.0f}`, "
        f"run {time.strftime('%Y-%m-%d %H:%M %Z')}: three runs of {options.sessions} protocol sessions "
        f"(benchmarks/load.py) changing district, language or metric for {options.seconds:.0f} s each, on loopback "
        f"through nginx and 2 replicas reading {pg} on loopback (`QINGLIAN_STORE`, version asked every {ttl} s); "
        f"{os.cpu_count()} cores, 1-minute load average {os.getloadavg()[0]:.1f} after.", "",
        "| run | changes answered | errors | round trip p50 | p95 | sessions |",
        "| --- | --- | --- | --- | --- | --- |",
        _row("quiet", quiet, options.sessions),
        _row(f"outage: PostgreSQL stopped {stop_at:.0f} s in, started {OUTAGE:.0f} s later", outage, options.sessions),
        _row(pub_label, published, options.sessions),
        "",
    ]
    inside = [r for r in outage.changes() if r.sent >= marks["stopped"] and r.finished <= marks["started"]]
    cached = sum(1 for r in inside if r.ok and not r.notice)
    notice = sum(1 for r in inside if r.ok and r.notice)
    failed = len(inside) - cached - notice
    longest = max((r.finished - r.sent for r in inside), default=0.0)
    facts = [f"While PostgreSQL was down ({down:.1f} s from the stop having returned to the start having returned), "
             f"{len(inside)} changes were asked and answered: {cached} drawn in full from cached views, "
             f"{notice} with the \"data temporarily unavailable\" notice"
             + (f", {failed} with an error" if failed else "") + f" (the slowest in {_ms(longest)}). "
             "Each session repeats its own sequence of views in every run (seeded), so most views the outage run "
             "asked for were cached by the quiet run: readers asking for new views would see the notice more often. "
             "Protocol sessions do not run the notice's 5 s retry; a browser does (tests/e2e/test_store_faults.py)."]
    if pub.get("returncode") == 0:
        facts.append(f"The publish took {pub['published'] - pub['publish asked']:.1f} s as a command "
                     f"({pub.get('own seconds', float('nan')):.1f} s by its own count); the database's current version "
                     f"was {versions[0]} before the publish run and {versions[1]} after it.")
    else:
        facts.append(f"The publish failed: {pub.get('output')}; the current version was {versions[0]} before "
                     f"the publish run and {versions[1]} after it.")
    count, last_lines = logs
    facts.append(f"The replica logs hold {count} \"Traceback\" line{'s' if count != 1 else ''}"
                 + (": " + "; ".join(f"`{line}` × {n}" for line, n in last_lines.most_common()) if count else "") + ".")
    lines.append(" ".join(facts))
    for run_ in (quiet, outage, published):
        kinds = Counter(error_kind(e) for e in run_.results.errors)
        shown = Counter(e for r in run_.runs for e in r.exceptions)
        if kinds:
            lines += ["", f"Errors in the {run_.name} run, by kind (load()'s strings, session and value left out):",
                      *[f"- {n} × `{kind}`" for kind, n in kinds.most_common()]]
        if shown:
            lines += ["- exceptions shown on those pages: " +
                      "; ".join(f"{n} × `{e}`" for e, n in shown.most_common())]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60, help="per run (default 60)")
    parser.add_argument("--write", type=Path, help=f"replace the text between {MARK_START} and {MARK_END} there")
    parser.add_argument("--logs", type=Path, help="copy the replica, nginx and PostgreSQL logs into this folder")
    options = parser.parse_args()
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    began = time.monotonic()
    watch = Watch()
    with running_postgres() as server, ThreadPoolExecutor(1, thread_name_prefix="fault") as executor:
        url = server.url()
        log(f"published version {publish(PACKAGE, url)} to {url}")
        with running_stack(replicas=2, env={"QINGLIAN_STORE": url}) as stack, watch.installed():
            warm_up(stack)
            asyncio.run(load(stack.url, options.sessions, WARM_UP))  # every page once on each replica, not counted
            log(f"stack up and warm ({time.monotonic() - began:.0f} s)")
            quiet = run("quiet", stack.url, options.sessions, options.seconds, watch)
            outage = run("outage", stack.url, options.sessions, options.seconds, watch,
                         lambda: _outage(server, executor))
            before = server.execute(CURRENT)[0][0]
            published = run("publish", stack.url, options.sessions, options.seconds, watch,
                            lambda: _publishing(url, executor))
            after = server.execute(CURRENT)[0][0]
            logs = tracebacks(stack.prefix)
            if options.logs:
                options.logs.mkdir(parents=True, exist_ok=True)
                for path in [*stack.prefix.glob("replica-*.log"), stack.prefix / "access.log",
                             stack.prefix / "error.log", server.folder / "server.log"]:
                    if path.exists():
                        shutil.copy(path, options.logs / path.name)
    text = report(quiet, outage, published, (before, after), logs, options)
    log(f"wall time {time.monotonic() - began:.0f} s")
    print(text)
    if options.write:
        replace_block(options.write, MARK_START, MARK_END, f"{MARK_START}\n{text}\n{MARK_END}")
    failed = any(r.results.errors for r in (quiet, outage, published)) or logs[0]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
