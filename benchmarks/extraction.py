"""How fast a bulletin becomes candidate rows: `python -m benchmarks.extraction [--runs 7]`.

The bulletin is SYNTHETIC, made at run time: sentences in a bulletin's shape (a period, an area,
figures worded as data/phrasings.csv words them, and figures it does not know), joined to 10,000
characters. Its numbers are random and mean nothing. Each run reads the text as a file would be
read (documents.read_document) and extracts it (extraction.candidates), in this process after the
imports, as the /add page and the command line do. The section replaces its own part of
BENCHMARKS.md (between its markers), so the other sections keep their figures.
"""
from __future__ import annotations

import argparse
import datetime
import random
import subprocess
import time
from datetime import date

from benchmarks.report import replace_block, table, verdict
from benchmarks.stats import Figure
from dashboard.adding.candidates import Vocabulary, candidates
from dashboard.adding.documents import read_document
from deploy.server import ROOT

CHARS = 10_000
TARGET_S = 1.0
BEGIN, END = "<!-- extraction: begin -->", "<!-- extraction: end -->"
PERIODS = ("今年1—11月份", "今年以来", "2019年", "一季度", "截至目前", "去年", "今年上半年", "2016年以来")
AREAS = ("全市", "定海区", "普陀区", "岱山县", "嵊泗县", "舟山市")
OTHER = ("开展专项检查{n}次", "走访群众{n}人次", "整改问题{n}个", "约谈{n}人", "覆盖率达{n}%", "提速{n}倍")


def synthetic_bulletin(vocabulary: Vocabulary, seed: int = 1) -> str:
    """SYNTHETIC text of exactly CHARS characters, in a bulletin's shape; random figures."""
    rng = random.Random(seed)
    phrases = [p.before + "{n}" + p.after for p in vocabulary.phrasings] + list(OTHER)
    sentences = []
    while sum(map(len, sentences)) < CHARS:
        clauses = [rng.choice(phrases).replace("{n}", str(rng.randint(2, 9999))) for _ in range(rng.randint(2, 5))]
        sentences.append(f"{rng.choice(PERIODS)},{rng.choice(AREAS)}纪检监察机关" + ",".join(clauses) + "。\n")
    return "".join(sentences)[:CHARS]


def measure(runs: int) -> tuple[Figure, int]:
    vocabulary = Vocabulary.from_package(ROOT / "data")
    data = synthetic_bulletin(vocabulary).encode("utf-8")
    seconds, rows = Figure("extract", "s"), 0
    for _ in range(runs):
        start = time.perf_counter()
        text = read_document("bulletin.txt", data)
        rows = len(candidates(text, vocabulary, date(2019, 12, 31), "330900"))
        seconds.values.append(time.perf_counter() - start)
    return seconds, rows


def section(runs: int) -> str:
    seconds, rows = measure(runs)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    when = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
    return "\n".join([
        BEGIN, "## Adding a bulletin: extraction (SYNTHETIC 10,000-character bulletin)", "",
        f"`python -m benchmarks.extraction --runs {runs}` on {when}, commit {commit}: read the text and make "
        f"its candidate rows ({rows} rows), in one process after the imports; median, min and max of {runs} runs.", "",
        table(["what", "unit", "median", "min", "max", "target", ""],
              [["10,000 characters → candidate rows", "s", *seconds.cells(3), f"< {TARGET_S:g}",
                verdict(max(seconds.values) < TARGET_S)]]),
        END])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    result = section(args.runs)
    replace_block(ROOT / "BENCHMARKS.md", BEGIN, END, result)
    print(result)
