"""Issue #31's figures for docs/reliability.md: what a hostile visitor costs a reader on the same replica.

    .venv/bin/python -m benchmarks.limits [--seconds 30] [--write docs/reliability.md]

Extraction: 200,000 characters (the /add page's limit) of dense SYNTHETIC figures, three shapes (sentences
with full stops, lines, one line with no full stop), read into candidate rows in this process; median of 3.

Crafted PDF: `deploy.local_stack` (nginx, two replicas). 4 protocol readers (benchmarks/load.py), all on
replica 0 by their cookie, change filters for `--seconds` undisturbed; then again while a Chromium tab,
also on replica 0, uploads deploy/crafted_pdf.slow_pdf() to /add again and again (a 10 kB file that
costs pypdf 1.5 s a page; each is stopped at the work budget, 15 s); then undisturbed again.

Foreign Origin: 10 WebSocket handshakes with `Origin: https://evil.example`, straight to a replica (Streamlit
looks up the server's external address first) and through nginx (refused at once).
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks import load as protocol
from benchmarks.report import replace_block
from dashboard.adding.candidates import Vocabulary, candidates
from deploy.browser import launch, wait_for_app
from deploy.clients import handshake_status
from deploy.crafted_pdf import dense_figures, slow_pdf
from deploy.local_stack import running_stack
from deploy.server import ROOT

MARK_START, MARK_END = "<!-- limits:start -->", "<!-- limits:end -->"


def extraction_rows() -> list[str]:
    vocabulary = Vocabulary.from_package(ROOT / "data")
    rows = []
    for label, end in (("sentences (。)", "。"), ("lines", "\n"), ("one line, no full stop", "")):
        text, seconds = dense_figures(200_000, end), []
        for _ in range(3):
            started = time.perf_counter()
            found = len(candidates(text, vocabulary, date(2020, 1, 20)))
            seconds.append(time.perf_counter() - started)
        rows.append(f"| {label} | {found} | {statistics.median(seconds):.2f} s |")
    return rows


def pinned_readers(url: str, cookie: str, readers: int, seconds: float) -> protocol.Results:
    """Protocol readers that all carry `cookie`, so nginx sends them to one replica."""
    protocol._cookies = lambda _url: f"qinglian_replica={cookie}"
    return asyncio.run(protocol.load(url, readers, seconds))


def uploader(url: str, cookie: str, until: float) -> int:
    """A tab on the same replica uploading the crafted PDF until `until`; how many uploads it made."""
    from playwright.sync_api import sync_playwright
    count = 0
    with sync_playwright() as playwright:
        browser = launch(playwright)
        while time.monotonic() < until:  # a fresh tab (session) for each upload, as a visitor reloading would
            count += 1
            context = browser.new_context(locale="zh-CN")
            context.add_cookies([{"name": "qinglian_replica", "value": cookie, "domain": urlsplit(url).hostname,
                                  "path": "/qinglian/"}])
            page = context.new_page()
            page.goto(f"{url}/add")
            wait_for_app(page, timeout_ms=60_000)
            page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
                files=[{"name": f"crafted-{count}.pdf", "mimeType": "application/pdf", "buffer": slow_pdf()}])
            page.locator("[data-testid='stAlertContentError']").wait_for(timeout=120_000)
            context.close()
        browser.close()
    return count


def handshake_seconds(netloc_path: str, origin: str) -> tuple[float, int]:
    started = time.perf_counter()
    status = handshake_status(f"ws://{netloc_path}/_stcore/stream", origin, timeout=60)
    return time.perf_counter() - started, status


def line(name: str, results: protocol.Results) -> tuple[str, list[float]]:
    trips = [s * 1000 for s in results.round_trips]
    return (f"| {name} | {len(trips)} | {len(results.errors)} | {protocol.percentile(trips, 50):.0f} ms | "
            f"{protocol.percentile(trips, 95):.0f} ms |"), trips


def section(seconds: float, readers: int) -> str:
    out = [(f"Command: `.venv/bin/python -m benchmarks.limits --seconds {seconds:g}`; "
            f"run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, 2 cores."), "",
           "**Extraction of 200,000 characters of dense figures** (SYNTHETIC; median of 3, in one process):", "",
           "| shape | candidate rows | time |", "| --- | --- | --- |", *extraction_rows(), ""]
    with running_stack(replicas=2) as stack:
        protocol.warm_up(stack)
        replica = stack.replica_urls[0].split("//")[1].split("/")[0]
        cookie = next(c for c in (f"limits-{n}" for n in range(50)) if stack.replica_for(c) == replica)
        quiet_before, trips_before = line("undisturbed, before", pinned_readers(stack.url, cookie, readers, seconds))
        with ThreadPoolExecutor(1) as pool:
            uploads = pool.submit(uploader, stack.url, cookie, time.monotonic() + seconds)
            during, trips_during = line("while a tab uploads the crafted PDF",
                                        pinned_readers(stack.url, cookie, readers, seconds))
            made = uploads.result()
        quiet_after, trips_after = line("undisturbed, after", pinned_readers(stack.url, cookie, readers, seconds))
        quiet = trips_before + trips_after
        ratio = lambda q: protocol.percentile(trips_during, q) / max(protocol.percentile(quiet, q), 1e-9)
        direct = [handshake_seconds(urlsplit(stack.replica_urls[0]).netloc + "/qinglian", "https://evil.example")
                  for _ in range(10)]
        proxied = [handshake_seconds(urlsplit(stack.url).netloc + "/qinglian", "https://evil.example")
                   for _ in range(10)]
    out += [(f"**A crafted PDF on the reader's replica.** {readers} protocol readers on replica 0 changing filters "
             f"for {seconds:g} s; in the middle run a Chromium tab on the same replica uploaded the crafted 10 kB "
             f"PDF {made} times (each stopped at the 15 s budget with the message):"), "",
            "| readers' run | changes answered | errors | round trip p50 | p95 |", "| --- | --- | --- | --- | --- |",
            quiet_before, during, quiet_after, "",
            (f"Round trips during the uploads / both undisturbed runs together: **p50 {ratio(50):.2f}x, "
             f"p95 {ratio(95):.2f}x** (target ≤ 1.5x)."), "",
            ("**A foreign Origin on the stream's handshake** (10 each): straight to a replica, "
             f"median {statistics.median(s for s, _ in direct) * 1000:.0f} ms, answered "
             f"{sorted({c for _, c in direct})}; through nginx, median "
             f"{statistics.median(s for s, _ in proxied) * 1000:.0f} ms, answered {sorted({c for _, c in proxied})}.")]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--write", type=Path, help="replace the figures between the markers in this file")
    options = parser.parse_args()
    text = section(options.seconds, options.readers)
    print(text)
    if options.write:
        replace_block(options.write, MARK_START, MARK_END, f"{MARK_START}\n{text}\n{MARK_END}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
