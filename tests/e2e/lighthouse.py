"""Lighthouse (npm, a checker nobody here wrote) on every page, mobile, in Debian's Chromium, through
the nginx recipe as readers get them (deploy/local_stack.py): `python -m tests.e2e.lighthouse`. Rewrites its part of docs/accessibility.md (between its markers).

Not a test: a Lighthouse run takes ~20 s a view, and its scores are a report, like the benchmarks.
The WCAG checks that gate the build are axe-core's, in tests/e2e/test_accessibility.py.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from deploy.browser import CHROMIUM, CHROMIUM_ARGS
from deploy.local_stack import running_stack
from deploy.server import ROOT
from tests.e2e.helpers import VIEWS

LIGHTHOUSE = Path(__file__).parent / "audit" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
DOC = ROOT / "docs" / "accessibility.md"
BEGIN, END = "<!-- lighthouse: begin -->", "<!-- lighthouse: end -->"


def audit(url: str) -> dict:
    """Lighthouse's JSON report of one view (mobile is its default form factor)."""
    done = subprocess.run(
        [str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output-path=stdout",
         "--quiet", "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if done.returncode:
        raise RuntimeError(done.stderr[-1000:])
    return json.loads(done.stdout)


def failing(report: dict) -> list[str]:
    return sorted(f"`{key}`" for key, audit in report["audits"].items()
                  if audit.get("score") is not None and audit["score"] < 1
                  and audit.get("scoreDisplayMode") in ("binary", "numeric"))


def section() -> str:
    rows = []
    with running_stack() as stack:
        url = stack.url
        for name, path in VIEWS.items():
            for lang in ("zh", "en"):
                report = audit(f"{url}/{path}{'&' if '?' in path else '?'}lang={lang}")
                scores = [f"{report['categories'][c]['score']:.2f}" for c in CATEGORIES]
                rows.append(f"| `/{path}` | {lang} | " + " | ".join(scores) + f" | {', '.join(failing(report)) or '—'} |")
                print(rows[-1], file=sys.stderr, flush=True)
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    when = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
    return "\n".join([BEGIN, f"Lighthouse {version}, mobile, Debian's Chromium, through the nginx recipe, {when}, "
                      f"commit {commit} (`python -m tests.e2e.lighthouse`):", "",
                      "| view | language | accessibility | best practices | SEO | audits below 1 |",
                      "| --- | --- | --- | --- | --- | --- |", *rows, END])


def write(text: str) -> None:
    old = DOC.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    DOC.write_text(pattern.sub(lambda _: text, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + text + "\n",
                   encoding="utf-8")


if __name__ == "__main__":
    write(section())
