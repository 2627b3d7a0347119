"""The time and disk to make every shared link's preview (issue #29), for the bundled package and the
SYNTHETIC national one, and the time nginx takes to read the maps; its own part of BENCHMARKS.md.

    .venv/bin/python -m benchmarks.previews            # writes its section of BENCHMARKS.md (~10 min on 2 cores)

Each run is the command a server runs (`python -m dashboard.previews FOLDER --site URL`) in a fresh process
into an empty folder, so every picture is drawn: wall time includes the imports and reading the package.
Budget: ≤ 10 minutes and ≤ 2 GB. The national package gets the budget's settings (--no-metrics
--no-figures --own-images overview); how long everything would take there is projected from the
bundled run's measured rates, and said with the reason.
"""
from __future__ import annotations

import argparse
import datetime
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from benchmarks import national
from benchmarks.report import replace_block, table, verdict
from deploy.local_stack import NGINX, write_nginx_conf
from deploy.server import ROOT, free_port

BEGIN, END = "<!-- previews: begin -->", "<!-- previews: end -->"
SITE = "https://your.host/qinglian/"
BUDGET_S, BUDGET_GB = 600, 2.0
NATIONAL_BUDGET = ["--no-metrics", "--no-figures", "--own-images", "overview"]
PICTURE_BYTES = 55e3  # a preview picture, about (bundled: 55 kB at zlib level 1)
SUMMARY = re.compile(r"([\d,]+) views, ([\d,]+) images \(([\d,]+) drawn now\)")


def make(package: Path, folder: Path, options: list[str]) -> dict:
    """One run of the command into `folder`: wall seconds, views, images, bytes on disk."""
    started, cpu_before, load = time.monotonic(), _children_cpu(), os.getloadavg()[0]
    done = subprocess.run([sys.executable, "-m", "dashboard.previews", str(folder), "--site", SITE,
                           "--package", str(package), *options], cwd=ROOT, capture_output=True, text=True)
    seconds, cpu = time.monotonic() - started, _children_cpu() - cpu_before
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    views, images, drawn = (int(n.replace(",", "")) for n in SUMMARY.search(done.stdout).groups())
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    maps = sum(p.stat().st_size for p in folder.glob("*.map"))
    return {"seconds": seconds, "cpu": cpu, "load": (load + os.getloadavg()[0]) / 2, "views": views, "images": images,
            "drawn": drawn, "bytes": size, "map_bytes": maps}


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children: the run's own work, whatever else the
    machine's cores were doing meanwhile (they are shared here, and wall time says so)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def nginx_reads(folder: Path) -> float:
    """Seconds for `nginx -t` on the recipe with these maps (what a reload costs before it serves them)."""
    with tempfile.TemporaryDirectory(prefix="qinglian-previews-nginx-") as prefix:
        prefix = Path(prefix)
        (prefix / "tmp").mkdir()
        (prefix / "previews").symlink_to(folder, target_is_directory=True)
        conf = write_nginx_conf(prefix, free_port(), [free_port(), free_port()], None)
        started = time.monotonic()
        subprocess.run([NGINX, "-t", "-q", "-p", str(prefix), "-c", str(conf)], check=True, capture_output=True)
        return time.monotonic() - started


def row(name: str, result: dict, nginx_s: float) -> list[str]:
    ok = result["seconds"] <= BUDGET_S and result["bytes"] <= BUDGET_GB * 1e9
    return [name, f"{result['views']:,}", f"{result['images']:,}", f"{result['seconds']:.0f} s",
            f"{result['cpu']:.0f} s", f"{result['load']:.1f}",
            f"{result['bytes'] / 1e6:,.0f} MB ({result['map_bytes'] / 1e6:,.0f} MB maps)", f"{nginx_s:.1f} s", verdict(ok)]


def section() -> str:
    with tempfile.TemporaryDirectory(prefix="qinglian-previews-") as work:
        work = Path(work)
        bundled = make(ROOT / "data" / "datapackage.json", work / "bundled", [])
        bundled_nginx = nginx_reads(work / "bundled")
        package = national.write(work / "national-package")
        facts = sum(1 for _ in open(package.parent / "facts.csv", encoding="utf-8")) - 1
        big = make(package, work / "national", NATIONAL_BUDGET)
        big_nginx = nginx_reads(work / "national")
        full = projected(package, facts)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    when = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
    return "\n".join([
        BEGIN, "## Link previews: time and disk to make them (bundled and SYNTHETIC national package)", "",
        f"`python -m benchmarks.previews` on {when}, commit {commit}: `python -m dashboard.previews` in a fresh process "
        f"into an empty folder (every picture drawn), then `nginx -t` on the recipe with its maps. Budget: ≤ {BUDGET_S // 60} "
        f"minutes and ≤ {BUDGET_GB:g} GB. One run each. The machine's 2 cores are shared with other work: the load average "
        "(mean of the 1-minute figure at start and end) says how much, and the CPU time is the run's own (it draws "
        "pictures on 2 threads, so on 2 idle cores the wall time is about half the CPU time plus the package's load).", "",
        table(["package", "views in the maps", "images", "wall time", "CPU time", "load average", "disk", "nginx -t",
               "budget (wall time, disk)"],
              [row("bundled: every page × area × language × metric/period, every figure", bundled, bundled_nginx),
               row(f"SYNTHETIC national ({facts:,} facts): `{' '.join(NATIONAL_BUDGET)}`", big, big_nginx)]), "",
        "**Which national views get less, and why.** Everything for the national package would be "
        f"{full['views']:,} views ({full['figures']:,} of them figure pages) and about {full['images']:,} pictures: "
        f"at the rates measured on 2,000 of its views ({full['per_view_ms']:.1f} ms a view, {full['per_image_ms']:.0f} ms a picture) "
        f"about {full['hours']:.1f} hours and {full['gb']:.0f} GB, far over the budget. So there: every page × area × "
        "language has its own title and description (the area's headline figure of that page, with period, quote and "
        "source) and any link to that page of that area gets it (areas.map: a metric or period in the link does not "
        "matter); the overview of every area has its own picture, the other pages show their page's general picture; "
        "figure pages (a million figures) get the general figure preview. The bundled package gets everything.",
        END])


def projected(package: Path, facts: int, sample: int = 2000) -> dict:
    """How long 'everything' would take for the national package: its views counted, the time a view's words
    and a picture take measured on a sample of its own previews (in this process, after loading it)."""
    from dashboard.reading.previews import every_preview, every_view
    from dashboard.reading.share_images import preview_png
    from dashboard.storing.package import read_package

    ds = read_package(package)
    views = sum(1 for _ in every_view(ds))
    started = time.monotonic()
    previews = list(islice(every_preview(ds), sample))
    per_view = (time.monotonic() - started) / len(previews)
    pictures = {p.image: p for p in previews}
    started = time.monotonic()
    for preview in list(pictures.values())[:40]:
        preview_png(preview)
    per_image = (time.monotonic() - started) / min(40, len(pictures))
    figures = 2 * facts
    images = int(views * len(pictures) / len(previews)) + figures  # a figure page's picture: its own (at most)
    seconds = (views + figures) * per_view + images * per_image
    return {"views": views + figures, "figures": figures, "images": images, "per_view_ms": 1000 * per_view,
            "per_image_ms": 1000 * per_image, "hours": seconds / 3600, "gb": images * PICTURE_BYTES / 1e9}


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    result = section()
    replace_block(ROOT / "BENCHMARKS.md", BEGIN, END, result)
    print(result)
