"""A shared link opened on a phone: bytes on the wire and time to the charts, direct and through nginx.

    .venv/bin/python -m benchmarks.phone [--runs 5]   # prints the table and writes it into BENCHMARKS.md

Headless Chromium at 390×844 (a phone's User-Agent and touch), with Chromium's own network emulation
at 9 Mbit/s down, 1.5 Mbit/s up and 60 ms round trip (about "Fast 4G"). Each run opens `/` and
`/enforcement` on the bare Streamlit server and through the nginx recipe (`deploy.local_stack`), taken
in turn: first cold (a new browser context, so an empty cache), then warm (the same context opens
the link again, its cache primed, as a reader's second visit).

- bytes on the wire: every HTTP response's encoded length as Chromium received it (headers and
  compressed body), plus the WebSocket frames both ways;
- first chart / all charts: from the start of navigation to the moment the first (or the last) of the
  page's Plotly charts has drawn its SVG, as the page's own clock (performance.now) saw it.
"""
from __future__ import annotations

import argparse
import base64
import datetime
import subprocess

from benchmarks.browser import READY_JS, START, chart_counts
from benchmarks.report import replace_block, table, verdict
from benchmarks.stats import Figure
from deploy.browser import PHONE, launch, wait_for_app
from deploy.local_stack import running_stack
from deploy.server import ROOT, running_app

PATHS = {"/": "", "/enforcement": "enforcement"}  # as a link opens them: the whole city, Chinese first
NETWORK = {"offline": False, "latency": 60, "downloadThroughput": 9e6 / 8, "uploadThroughput": 1.5e6 / 8}
TARGET_MB, TARGET_FIRST_S = 2.5, 4.0
BEGIN, END = "<!-- phone: begin -->", "<!-- phone: end -->"
# Record when each chart first has its SVG: [count, ms since navigation start] every time the count grows.
CHART_CLOCK = """(() => {
  window.__charts = [];
  const count = () => document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg').length;
  new MutationObserver(() => {
    const n = count();
    const last = window.__charts.length ? window.__charts[window.__charts.length - 1][0] : 0;
    if (n > last) window.__charts.push([n, performance.now()]);
  }).observe(document, {childList: true, subtree: true});
})();"""


def _visit(context, url: str, charts: int) -> tuple[int, float, float]:
    """Open `url` in a new tab of `context` under the emulated network: (bytes, first chart s, all charts s)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    frames = lambda event: received.append(_frame_bytes(event["response"]))  # noqa: E731
    cdp.on("Network.webSocketFrameReceived", frames)
    cdp.on("Network.webSocketFrameSent", frames)
    page.add_init_script(CHART_CLOCK)
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function(READY_JS, arg=charts, timeout=120_000)  # every chart drawn, the script idle
    wait_for_app(page, timeout_ms=120_000)
    drawn = page.evaluate("window.__charts")
    page.close()
    return sum(received), drawn[0][1] / 1000, drawn[-1][1] / 1000


def _frame_bytes(frame: dict) -> int:
    payload = frame["payloadData"]
    return len(base64.b64decode(payload)) if frame["opcode"] == 2 else len(payload.encode())


def measure(runs: int, log=print) -> dict[tuple[str, str, str], dict[str, Figure]]:
    """{(path, 'direct'|'nginx', 'cold'|'warm'): {'mb', 'first', 'all'}} over `runs` runs, taken in turn."""
    from playwright.sync_api import sync_playwright

    # A link without region= opens the city (START).
    found = chart_counts([path.strip("/") for path in PATHS], regions=(START,))
    counts = {path: found[path.strip("/")][START] for path in PATHS}
    log(f"charts per page: {counts}")
    figures: dict = {}
    with running_app() as direct, running_stack(tls=True) as stack, sync_playwright() as playwright:
        browser = launch(playwright)
        for run in range(runs):
            for path, query in PATHS.items():
                for route, base in (("direct", direct), ("nginx", stack.url), ("nginx https", stack.https_url)):
                    # The HTTPS variant has a throwaway self-signed certificate on loopback.
                    context = browser.new_context(**PHONE, ignore_https_errors=True)
                    # Chromium keeps nothing in its cache from a site whose certificate it had to be told to
                    # accept, so over the loopback HTTPS variant only the cold visit means anything.
                    for visit in ("cold",) if route == "nginx https" else ("cold", "warm"):
                        wire, first, every = _visit(context, f"{base}/{query}", counts[path])
                        cell = figures.setdefault((path, route, visit), {
                            "mb": Figure("bytes", "MB"), "first": Figure("first", "s"), "all": Figure("all", "s")})
                        cell["mb"].values.append(wire / 1e6)
                        cell["first"].values.append(first)
                        cell["all"].values.append(every)
                        log(f"run {run + 1} {path} {route} {visit}: {wire / 1e6:.2f} MB, first {first:.2f} s, all {every:.2f} s")
                    context.close()
        browser.close()
    return figures


def section(runs: int, log=print) -> str:
    figures = measure(runs, log)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    when = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
    rows = []
    for (path, route, visit), cell in figures.items():
        wire, first, every = cell["mb"], cell["first"], cell["all"]
        target = ""
        if route.startswith("nginx") and visit == "cold":
            ok = max(wire.values) <= TARGET_MB and first.median <= TARGET_FIRST_S
            target = f"≤ {TARGET_MB:g} MB, first ≤ {TARGET_FIRST_S:g} s: {verdict(ok)}"
        rows.append([path, route, visit, *[f"{v}" for v in wire.cells(2)[:1]], *first.cells(2)[:1],
                     f"{first.cells(2)[1]}–{first.cells(2)[2]}", *every.cells(2)[:1], target])
    return "\n".join([
        BEGIN, "## A shared link on a phone: bytes and time to the charts (headless Chromium, emulated Fast 4G)", "",
        f"`python -m benchmarks.phone --runs {runs}` on {when}, commit {commit}: 390×844 phone, Chromium network "
        "emulation 9 Mbit/s down, 1.5 up, 60 ms round trip. Direct is the bare Streamlit server; nginx is "
        "`deploy/nginx/qinglian.conf` on loopback (precompressed static files, brotli and gzip, Plotly preloaded), "
        "over HTTP/1.1 and over HTTP/2 with TLS (`qinglian-tls.conf`, a throwaway certificate). Cold: empty cache; warm: the same "
        f"browser opens the link again. Median of {runs} runs (first chart: median and range).", "",
        table(["page", "route", "visit", "MB on the wire", "first chart s", "range", "all charts s", "target"], rows),
        "",
        "What is on the wire through nginx: Streamlit's JavaScript as the brotli files `deploy/assets.py` made "
        "(Plotly's 4.7 MB as 1.06 MB), its two fonts (0.55 MB, woff2, already compressed) and the page's "
        "WebSocket messages. Plotly's file is preloaded with the page (a `Link` header), which took about a "
        "second off the first chart. A warm visit fetches only the page and the messages. Over the HTTPS "
        "variant Chromium caches nothing (the certificate is not trusted), so it has no warm row.",
        END])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = section(args.runs)
    replace_block(ROOT / "BENCHMARKS.md", BEGIN, END, result)
    print(result)
