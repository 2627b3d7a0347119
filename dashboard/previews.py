"""Make every shared link's preview once, as files nginx serves: `python -m dashboard.previews FOLDER`.

    python -m dashboard.previews /srv/qinglian/previews --site https://your.host/qinglian/ [--package P]

writes FOLDER/images/<hash>.png (1200×630; a name is a hash of what it draws, so a picture already there
is not drawn again and may be cached for a year) and four nginx map files, read by
deploy/nginx/qinglian-previews.conf:
- heads.map: a metric's or period's view by its exact path and query, as the share box writes it
  (reading/urls.py) → its head;
- areas.map: a page of an area by its path, region and language, whatever else its link holds → its head;
- figures.map: `/figure` by its id and language, whatever else the link holds → the figure's head;
- pages.map: a page's path and language → its general head, and a default for everything else.
`python -m dashboard.publish … --previews FOLDER --site URL` runs it after publishing a version.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

from dashboard.kernel.i18n import LANGS
from dashboard.kernel.problems import DataPackageError
from dashboard.kernel.settings import package_path
from dashboard.reading.previews import (
    Preview,
    every_preview,
    figure_preview,
    general_preview,
    head_tags,
    page_path,
    view_address,
)
from dashboard.reading.registry import PAGES
from dashboard.reading.share_images import FontMissing, preview_png
from dashboard.reading.urls import Urls
from dashboard.storing.package import read_package

IMAGES = "images"
PUBLIC_IMAGES = "previews"  # under the site's address: https://host/qinglian/previews/<hash>.png


@dataclass
class Made:
    views: int = 0  # map entries written
    drawn: int = 0  # images drawn this time
    images: int = 0  # images the maps name
    bytes: int = 0  # on disk: the images and the maps
    seconds: float = 0.0


def nginx_value(text: str) -> str:
    """A head as a single-quoted nginx string: it holds no quote (html.escape wrote &#x27;), and nginx
    would read $ as a variable and \\ as an escape, so those are written as HTML entities too."""
    return "'" + text.replace("\\", "&#92;").replace("$", "&#36;").replace("'", "&#x27;") + "'"


def write_previews(ds, folder: Path, site: str, *, metrics: bool = True, figures: bool = True,
                   own_images: Collection[str] | None = None, jobs: int = 2, progress=None) -> Made:
    """Every view's image and head into `folder` for the site at `site` ('https://host/qinglian/').
    `metrics=False`: no metric or period views (their links get their page's view of the area, areas.map);
    `figures=False`: no figure pages (they get the general figure preview); `own_images`: the pages whose
    views get a picture of their own (default all); the others keep their own title and description
    beside their page's general picture. The last three are a national package's budget (BENCHMARKS.md)."""
    started, made = time.monotonic(), Made()
    folder = Path(folder)
    (folder / IMAGES).mkdir(parents=True, exist_ok=True)
    urls = Urls(site, urlsplit(site).path)
    names: set[str] = set()

    # Pictures are drawn on `jobs` threads while the words go on: Pillow lets go of the GIL while it sets
    # text and compresses, so two threads draw on two cores (no process pool: nothing to pickle).
    pool = ThreadPoolExecutor(max_workers=jobs)
    drawing = []

    def head(preview: Preview, page_url: str, picture: Preview | None = None) -> str:
        picture = picture or preview
        if picture.image not in names:
            names.add(picture.image)
            target = folder / IMAGES / picture.image
            if not target.exists():
                drawing.append(pool.submit(_draw, picture, target))
                made.drawn += 1
        return head_tags(preview, urls.absolute(f"{PUBLIC_IMAGES}/{picture.image}"), page_url)

    with _atomic(folder / "heads.map") as exact, _atomic(folder / "areas.map") as areas:
        for preview in every_preview(ds, metrics):
            view = preview.view
            picture = None if own_images is None or preview.page in own_images else general_preview(preview.page, view.lang)
            line_head = nginx_value(head(preview, urls.share(preview.page, view), picture))
            if view.metric is None and view.period is None:  # a page of an area: any link to it, metric or not
                areas.write(f"{nginx_value(f'{page_path(urls, preview.page)}|{view.region}|{view.lang}')} {line_head};\n")
            else:
                exact.write(f"{nginx_value(view_address(urls, preview.page, view))} {line_head};\n")
            made.views += 1
            if progress and made.views % 500 == 0:
                progress(made.views)
    with _atomic(folder / "figures.map") as out:
        for fact_id in (ds.store.values("fact_id") if figures else []):
            for lang in LANGS:
                preview = figure_preview(ds, fact_id, lang)
                key = f"{page_path(urls, 'figure')}|{quote_plus(fact_id)}|{lang}"
                out.write(f"{nginx_value(key)} {nginx_value(head(preview, urls.absolute(urls.figure(fact_id, lang))))};\n")
                made.views += 1
    with _atomic(folder / "pages.map") as out:
        for page in PAGES:
            for lang in LANGS:
                preview = general_preview(page.name, lang)
                out.write(f"{nginx_value(page_path(urls, page.name) + '|' + lang)} "
                          f"{nginx_value(head(preview, urls.absolute(page.url_path)))};\n")
        out.write(f"default {nginx_value(head(general_preview('overview', LANGS[0]), urls.absolute('')))};\n")
    pool.shutdown(wait=True)
    for done in drawing:
        done.result()  # a picture that failed fails the run (a missing font says so)
    made.images = len(names)
    made.bytes = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    made.seconds = time.monotonic() - started
    return made


def _draw(picture: Preview, target: Path) -> None:
    # A name of its own: two processes filling one shared folder may draw the same picture at once.
    partial = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.part")
    partial.write_bytes(preview_png(picture))
    partial.replace(target)  # a crawler never gets half a picture


class _atomic:
    """A map file written beside its place and renamed into it: nginx reloading mid-write reads the old one."""

    def __init__(self, path: Path):
        self.path, self.partial = path, path.with_suffix(".part")

    def __enter__(self):
        self.file = open(self.partial, "w", encoding="utf-8")
        return self.file

    def __exit__(self, kind, *_):
        self.file.close()
        if kind is None:
            self.partial.replace(self.path)
        else:
            self.partial.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.previews", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the images and nginx map files go")
    parser.add_argument("--site", default="http://localhost:8080/qinglian/",
                        help="the public address of the dashboard, as readers share it (default: %(default)s)")
    parser.add_argument("--package", type=Path, default=None, help="the datapackage.json (default: QINGLIAN_DATA or data/)")
    parser.add_argument("--no-metrics", action="store_true",
                        help="metric and period views get their area's page preview (a national package's budget)")
    parser.add_argument("--no-figures", action="store_true", help="figure pages get the general figure preview")
    parser.add_argument("--jobs", type=int, default=2, help="threads drawing pictures (default: %(default)s)")
    parser.add_argument("--own-images", metavar="PAGE,…", help="only these pages' views get a picture of their own "
                        "(the others: their own words beside the page's general picture); default: every page")
    args = parser.parse_args(argv)
    if urlsplit(args.site).scheme not in {"http", "https"} or not urlsplit(args.site).netloc:
        print(f"--site: expected an absolute address such as https://your.host/qinglian/; found {args.site!r}", file=sys.stderr)
        return 2
    try:
        ds = read_package(args.package or package_path())
        own = set(args.own_images.split(",")) if args.own_images else None
        made = write_previews(ds, args.folder, args.site, metrics=not args.no_metrics, figures=not args.no_figures,
                              own_images=own, jobs=args.jobs, progress=lambda n: print(f"\r{n:,} views", end="", file=sys.stderr, flush=True))
    except (DataPackageError, FontMissing) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"\n{made.views:,} views, {made.images:,} images ({made.drawn:,} drawn now), "
          f"{made.bytes / 1e6:.1f} MB in {args.folder}, {made.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
