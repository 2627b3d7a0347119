"""The nginx recipe under a flood and with a dead replica: the figures for docs/reliability.md.

    .venv/bin/python -m benchmarks.floods [--write docs/reliability.md]

Both runs use `deploy.local_stack` (nginx, two replicas) on loopback, where every 127.x.y.z address is
a client of its own to nginx's per-address limits.

Flood: 10 readers (Streamlit's protocol, as in benchmarks/load.py, from 127.0.0.1) change filters for
`--seconds`, once undisturbed and once while one address (127.0.0.2) opens WebSocket sessions and
loads pages in a loop as fast as nginx answers it (bounded by the same time). Then a newsroom: 30
readers behind one address (127.0.0.3) open the page and a session at the same moment.

Dead replica: during a load run (10 protocol readers), 8 Chromium tabs are open, four on each replica
(their replica cookie chosen so), each on its own view. Replica 0 is killed. For each of its tabs: the
time until the tab has reconnected (a new WebSocket), and whether, and when, its next change was
answered with the same view (page, district, language, metric) from the live replica. Then the
replica is started again and new readers are counted by the replica nginx sent them to.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from benchmarks.load import Results, load, percentile, warm_up
from benchmarks.report import replace_block
from dashboard.kernel.i18n import t
from dashboard.reading.controls import region_labels
from dashboard.storing.package import read_package
from deploy.browser import launch, wait_for_app
from deploy.clients import open_session, page_load
from deploy.local_stack import running_stack
from deploy.server import ROOT

FLOODER, NEWSROOM = "127.0.0.2", "127.0.0.3"
MARK_START, MARK_END = "<!-- floods:start -->", "<!-- floods:end -->"
DATA = read_package(ROOT / "data" / "datapackage.json")
VIEWS = [("enforcement", "330902", "cases_filed"), ("enforcement", "330903", "eight_point_cases"),
         ("supervision", "330902", ""), ("approvals", "330900", "")]


async def flood(url: str, seconds: float) -> dict[str, list[int]]:
    """One address opening sessions and loading pages in a loop until the time is up."""
    statuses: dict[str, list[int]] = {"sessions": [], "pages": []}
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        statuses["sessions"].append(await open_session(url, FLOODER))
        statuses["pages"].append(await asyncio.to_thread(page_load, url, FLOODER))
    return statuses


async def flooded(url: str, readers: int, seconds: float) -> tuple[Results, dict]:
    results, statuses = await asyncio.gather(load(url, readers, seconds), flood(url, seconds))
    return results, statuses


async def newsroom(url: str) -> tuple[list[int], list[int]]:
    pages = await asyncio.gather(*(asyncio.to_thread(page_load, url, NEWSROOM) for _ in range(30)))
    sessions = await asyncio.gather(*(open_session(url, NEWSROOM) for _ in range(30)))
    return list(pages), list(sessions)


def flood_section(seconds: float, readers: int) -> str:
    with running_stack() as stack:
        warm_up(stack)
        asyncio.run(load(stack.url, readers, 10))  # every page run once on each replica, not counted
        quiet = asyncio.run(load(stack.url, readers, seconds))
        loud, statuses = asyncio.run(flooded(stack.url, readers, seconds))
        after = asyncio.run(load(stack.url, readers, seconds))  # the same again: how much is only the order
        pages, sessions = asyncio.run(newsroom(stack.url))
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    rows = []
    for name, results in (("undisturbed, before", quiet), ("during the flood", loud), ("undisturbed, after", after)):
        trips = sorted(results.round_trips)
        rows.append(f"| {name} | {len(trips)} | {len(results.errors)} | {ms(percentile(trips, 50))} | "
                    f"{ms(percentile(trips, 95))} |")
    calm = sorted(quiet.round_trips + after.round_trips)
    p50 = percentile(sorted(loud.round_trips), 50) / percentile(calm, 50)
    p95 = percentile(sorted(loud.round_trips), 95) / percentile(calm, 95)
    count = lambda values, code: sum(1 for v in values if v == code)  # noqa: E731
    return "\n".join([
        f"Command: `.venv/bin/python -m benchmarks.floods --seconds {seconds:.0f} --readers {readers}`; "
        f"run {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} after.",
        "", f"**Flood.** {readers} readers from 127.0.0.1 changing filters for {seconds:.0f} s: alone, while "
        "127.0.0.2 opens sessions and loads pages in a loop, and alone again:", "",
        "| readers' run | changes answered | errors | round trip p50 | p95 |", "| --- | --- | --- | --- | --- |", *rows, "",
        f"Round trips during the flood / both undisturbed runs together: **p50 {p50:.2f}x, p95 {p95:.2f}x** (target ≤ 1.5x). "
        f"The flooder: {len(statuses['sessions'])} session openings, {count(statuses['sessions'], 101)} accepted, "
        f"{count(statuses['sessions'], 429)} refused with 429; {len(statuses['pages'])} page loads, "
        f"{count(statuses['pages'], 200)} served, {count(statuses['pages'], 429)} refused with 429.", "",
        f"**Newsroom.** 30 readers behind 127.0.0.3 at the same moment: {count(pages, 200)} / 30 pages served, "
        f"{count(sessions, 101)} / 30 sessions opened, {count(pages, 429) + count(sessions, 429)} refused."])


def _pick(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page, timeout_ms=60_000)


def _view(page) -> dict:
    return {k: v for k, v in parse_qs(urlsplit(page.url).query).items() if k in ("lang", "region", "metric")}


def _failover(stack, playwright, background, replicas, cookies, tabs_per_replica, readers):
    running = background.submit(asyncio.run, load(stack.url, readers, 90))  # the load run around it
    browser = launch(playwright)
    host = urlsplit(stack.url).hostname
    tabs = []
    for replica in replicas:
        for n, cookie in enumerate(cookies[replica][:tabs_per_replica]):
            name, region, metric = VIEWS[n % len(VIEWS)]
            context = browser.new_context(locale="en-US")
            context.add_cookies([{"name": "qinglian_replica", "value": cookie, "domain": host, "path": "/qinglian/"}])
            page = context.new_page()
            page.goto(f"{stack.url}/{name}?lang=en&region={region}" + (f"&metric={metric}" if metric else ""))
            wait_for_app(page, timeout_ms=60_000)
            reconnects: list[float] = []
            page.on("websocket", lambda ws, log=reconnects: log.append(time.monotonic()))
            tabs.append({"replica": replica, "page": page, "view": _view(page), "reconnects": reconnects})
    time.sleep(5)
    killed = time.monotonic()
    stack.kill_replica(0)
    results = []
    for tab in [tab for tab in tabs if tab["replica"] == replicas[0]]:
        page, outcome = tab["page"], {"reconnect": None, "view": None, "recovered": False}
        deadline = killed + 60
        while not tab["reconnects"] and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        if tab["reconnects"]:
            outcome["reconnect"] = tab["reconnects"][0] - killed
            # A change of district: the first run on the live replica, in a new session (the old one died
            # with its process). The change counts, and the rest of the view is the tab's (controls.py).
            other = "330900" if tab["view"]["region"] != ["330900"] else "330902"
            asked = time.monotonic()
            _pick(page, t("sidebar.region", "en"), region_labels(DATA)[other])
            outcome["view"] = time.monotonic() - asked
            outcome["recovered"] = (_view(page) == {**tab["view"], "region": [other]}
                                    and page.locator("h1").count() == 1)
        results.append(outcome)
    survivors = [tab for tab in tabs if tab["replica"] == replicas[1]]
    untouched = sum(1 for tab in survivors if not tab["reconnects"])
    load_results = running.result()
    stack.restart_replica(0)
    time.sleep(11)  # nginx's fail_timeout: it tries the replica again after 10 s
    placed = [stack.replica_for(f"new-{n}") for n in range(20)]
    browser.close()
    return results, tabs, survivors, untouched, load_results, placed


def failover_section(tabs_per_replica: int = 4, readers: int = 10) -> str:
    from playwright.sync_api import sync_playwright

    with running_stack() as stack:
        replicas = [u.split("//")[1].split("/")[0] for u in stack.replica_urls]
        cookies: dict[str, list[str]] = {r: [] for r in replicas}
        for n in range(200):
            if all(len(c) >= tabs_per_replica for c in cookies.values()):
                break
            cookies.setdefault(stack.replica_for(f"tab-{n}"), []).append(f"tab-{n}")
        warm_up(stack)  # before Playwright, whose sync API keeps an event loop in this thread
        with sync_playwright() as playwright, ThreadPoolExecutor(1) as background:
            results, tabs, survivors, untouched, load_results, placed = _failover(
                stack, playwright, background, replicas, cookies, tabs_per_replica, readers)
    recovered = [r for r in results if r["recovered"]]
    seconds = lambda key: [r[key] for r in recovered]  # noqa: E731
    return "\n".join([
        f"**Dead replica.** {len(tabs)} Chromium tabs ({tabs_per_replica} per replica) and {readers} protocol readers "
        f"changing filters; replica 0 killed (SIGKILL) 5 s into the run.", "",
        "| figure | value |", "| --- | --- |",
        f"| the dead replica's tabs that got their view back | {len(recovered)} / {len(results)} |",
        f"| lost (no reconnect within 60 s, or another view) | {len(results) - len(recovered)} |",
        f"| time from the kill to the tab's new WebSocket, median / max | {statistics.median(seconds('reconnect')):.2f} s / "
        f"{max(seconds('reconnect')):.2f} s |" if recovered else "| time to reconnect | none reconnected |",
        f"| its first change afterwards, applied by the live replica, median / max | "
        f"{statistics.median(seconds('view')):.2f} s / {max(seconds('view')):.2f} s |" if recovered
        else "| first change afterwards | none answered |",
        f"| the live replica's tabs that never noticed | {untouched} / {len(survivors)} |",
        f"| protocol readers: changes answered / errors | {len(load_results.round_trips)} / {len(load_results.errors)} "
        "(a protocol reader does not reconnect; a browser does) |",
        f"| after the restart: new readers sent to replica 0 / 1 | {placed.count(replicas[0])} / {placed.count(replicas[1])} |",
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--write", type=Path, help=f"replace the text between {MARK_START} and {MARK_END} there")
    options = parser.parse_args()
    text = flood_section(options.seconds, options.readers) + "\n\n" + failover_section(readers=options.readers)
    print(text)
    if options.write:
        replace_block(options.write, MARK_START, MARK_END, f"{MARK_START}\n{text}\n{MARK_END}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
