"""Load test: 30 concurrent sessions for 2 minutes against nginx + 2 replicas, each changing filters.

    .venv/bin/python -m benchmarks.load                       # 30 sessions, 120 s, prints the figures
    .venv/bin/python -m benchmarks.load --write docs/reliability.md   # and writes them there

Each session is what a browser tab is to the server: it loads the page through nginx (which sets
its replica cookie), opens Streamlit's WebSocket with that cookie and the page's Origin, asks for a
page with its query string, then keeps changing district, language or metric the way the sidebar
does (a `rerun_script` message carrying the widgets' new values), pausing 0.5-2 s between changes
as a reader would. A round trip is the time from sending a change to Streamlit's `script_finished`.
An error is a script exception shown on the page, a run that did not finish, no answer within 60 s,
or a dropped connection. Loopback only; the stack and every session stop when the time is up.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.report import replace_block
from deploy.local_stack import running_stack

PAGES = ["", "enforcement", "supervision", "approvals", "sectors", "data"]
ANSWER_SECONDS = 60
MARK_START, MARK_END = "<!-- load:start -->", "<!-- load:end -->"


@dataclass
class Results:
    round_trips: list[float] = field(default_factory=list)  # seconds, filter changes only
    first_loads: list[float] = field(default_factory=list)  # seconds, a session's first page run
    errors: list[str] = field(default_factory=list)
    sessions_served: int = 0


@dataclass
class Page:
    """What the last run drew: the bound widgets (id, options, current value) and the page's hash."""
    widgets: dict = field(default_factory=dict)  # key -> [id, options]
    page_hash: str = ""
    exceptions: int = 0


def _read_run(message: ForwardMsg, page: Page) -> str | None:
    """Fold one server message into `page`; the run's end status when it is `script_finished`."""
    kind = message.WhichOneof("type")
    if kind == "new_session" and message.new_session.page_script_hash:
        page.page_hash = message.new_session.page_script_hash
    elif kind == "navigation" and message.navigation.page_script_hash:
        page.page_hash = message.navigation.page_script_hash
    elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element
        widget = element.WhichOneof("type")
        if widget in ("selectbox", "radio"):
            proto = getattr(element, widget)
            key = proto.id.rsplit("-", 1)[-1]
            page.widgets[key] = [proto.id, list(proto.options)]
        elif widget == "exception":
            page.exceptions += 1
    elif kind == "script_finished":
        return ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
    return None


async def _run(ws, back: BackMsg, page: Page) -> tuple[float, str]:
    page.widgets, page.exceptions = {}, 0
    started = time.monotonic()
    await ws.send(back.SerializeToString())
    deadline = started + ANSWER_SECONDS
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=max(0.1, deadline - time.monotonic()))
        message = ForwardMsg()
        message.ParseFromString(raw)
        status = _read_run(message, page)
        if status is not None and status != "FINISHED_EARLY_FOR_RERUN":
            return time.monotonic() - started, status


def _rerun(url: str, page_name: str, query: dict, widgets: dict | None = None, page_hash: str = "") -> BackMsg:
    back = BackMsg()
    state = back.rerun_script
    state.query_string = urlencode(query, quote_via=quote)
    state.page_name = page_name
    if page_hash:
        state.page_script_hash = page_hash
    for widget_id, value in (widgets or {}).items():
        entry = state.widget_states.widgets.add()
        entry.id, entry.string_value = widget_id, value
    state.context_info.timezone, state.context_info.locale = "Asia/Shanghai", "zh-CN"
    state.context_info.url = f"{url}/{page_name}"
    return back


def _cookies(url: str) -> str:
    """Load the page as a browser would first; nginx answers with the replica cookie."""
    with urllib.request.urlopen(url + "/", timeout=ANSWER_SECONDS) as response:
        response.read()
        return "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])


async def session(number: int, url: str, until: float, results: Results) -> None:
    rng = random.Random(number)
    page_name = PAGES[number % len(PAGES)]
    split = urlsplit(url)
    origin = f"{split.scheme}://{split.netloc}"
    try:
        cookie = await asyncio.to_thread(_cookies, url)
        async with websockets.connect(
                f"ws://{split.netloc}{split.path}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                additional_headers={"Cookie": cookie, "Origin": origin}, open_timeout=ANSWER_SECONDS) as ws:
            page = Page()
            seconds, status = await _run(ws, _rerun(url, page_name, {}), page)
            if status != "FINISHED_SUCCESSFULLY" or page.exceptions or "region" not in page.widgets:
                results.errors.append(f"session {number} first run: {status}, {page.exceptions} exceptions, "
                                      f"widgets {sorted(page.widgets)}")
                return
            results.first_loads.append(seconds)
            results.sessions_served += 1
            values = {key: options[0] if key != "lang" else options[0] for key, (_, options) in page.widgets.items()}
            while time.monotonic() < until:
                await asyncio.sleep(rng.uniform(0.5, 2.0))
                if time.monotonic() >= until:
                    break
                key = rng.choices(["region", "lang", "metric"], weights=[6, 2, 2])[0]
                if key not in page.widgets:
                    key = "region"
                options = page.widgets[key][1]
                values[key] = rng.choice([o for o in options if o != values.get(key)] or options)
                ids = {page.widgets[k][0]: v for k, v in values.items() if k in page.widgets}
                query = {k: v for k, v in values.items() if k in page.widgets}
                seconds, status = await _run(ws, _rerun(url, page_name, query, ids, page.page_hash), page)
                if status != "FINISHED_SUCCESSFULLY" or page.exceptions:
                    results.errors.append(f"session {number} {key}={values[key]}: {status}, {page.exceptions} exc")
                else:
                    results.round_trips.append(seconds)
    except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as error:
        results.errors.append(f"session {number}: {type(error).__name__}: {error}")


def rss_mb(pids: list[int]) -> list[float]:
    return [round(psutil.Process(pid).memory_info().rss / 2**20, 1) for pid in pids]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def load(url: str, sessions: int, seconds: float) -> Results:
    results = Results()
    until = time.monotonic() + seconds
    await asyncio.gather(*(session(n, url, until, results) for n in range(sessions)))
    return results


def warm_up(stack) -> None:
    """One overview run per replica, so "memory before" is taken after imports and the first data load."""
    for replica in stack.replica_urls:
        asyncio.run(load(replica, 1, 0))


def report(results: Results, before: list[float], after: list[float], options, upstreams: dict) -> str:
    trips = sorted(results.round_trips)
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    lines = [
        f"Command: `.venv/bin/python -m benchmarks.load --sessions {options.sessions} --seconds {options.seconds:.0f}`",
        f"Run {time.strftime('%Y-%m-%d %H:%M %Z')}: {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GB, Python {platform.python_version()}; 1-minute load average "
        f"{options.load_before:.1f} before the run (other work on the machine), {os.getloadavg()[0]:.1f} after.",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| sessions opened / served | {options.sessions} / {results.sessions_served} |",
        f"| filter changes answered | {len(trips)} ({len(trips) / options.seconds:.1f} per second) |",
        f"| errors | {len(results.errors)} |",
        f"| round trip p50 / p95 / max | {ms(percentile(trips, 50))} / {ms(percentile(trips, 95))} / {ms(trips[-1])} |"
        if trips else "| round trip | no changes answered |",
        f"| first page run p50 / p95 | {ms(percentile(results.first_loads, 50))} / "
        f"{ms(percentile(results.first_loads, 95))} |" if results.first_loads else "| first page run | none |",
        f"| replica memory (RSS) before | {' + '.join(f'{m:.0f} MB' for m in before)} |",
        f"| replica memory (RSS) after | {' + '.join(f'{m:.0f} MB' for m in after)} |",
        f"| WebSocket sessions per replica (nginx log) | {', '.join(str(n) for n in upstreams.values())} |",
    ]
    if results.errors:
        lines += ["", "Errors (first 10):", *[f"- {e}" for e in results.errors[:10]]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--write", type=Path, help=f"replace the text between {MARK_START} and {MARK_END} there")
    options = parser.parse_args()
    options.load_before = os.getloadavg()[0]
    with running_stack(replicas=2) as stack:
        warm_up(stack)
        before = rss_mb(stack.replica_pids)
        results = asyncio.run(load(stack.url, options.sessions, options.seconds))
        after = rss_mb(stack.replica_pids)
        upstreams = {u.split("//")[1].split("/")[0]: 0 for u in stack.replica_urls}
        for line in stack.access_log():
            if "_stcore/stream" in line:
                upstream = line.split("upstream=")[1].split()[0]
                upstreams[upstream] = upstreams.get(upstream, 0) + 1
    text = report(results, before, after, options, upstreams)
    print(text)
    if options.write:
        replace_block(options.write, MARK_START, MARK_END, f"{MARK_START}\n{text}\n{MARK_END}")
    return 0 if not results.errors else 1


if __name__ == "__main__":
    sys.exit(main())
