"""Make every shared link's preview once, as files nginx serves: `python -m dashboard.previews FOLDER`.

    python -m dashboard.previews /srv/qinglian/previews --site https://your.host/qinglian/ [--package P]

writes FOLDER/images/<hash>.png (1200×630; a name is a hash of what it draws, so a picture already there
is not drawn again and may be cached for a year) and three nginx map files, read by
deploy/nginx/qinglian-previews.conf:
- heads.map: every view's exact path and query, as the share box writes it (reading/urls.py) → its head;
- figures.map: `/figure` by its id and language, whatever else the link holds → the figure's head;
- pages.map: a page's path and language → its general head, and a default for everything else.
`python -m dashboard.publish … --previews FOLDER --site URL` runs it after publishing a version.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

from dashboard.kernel.i18n import LANGS
from dashboard.kernel.problems import DataPackageError
from dashboard.kernel.settings import package_path
from dashboard.reading.previews import (
    Preview,
    addresses,
    every_preview,
    figure_preview,
    general_preview,
    head_tags,
    page_path,
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
                   progress=None) -> Made:
    """Every view's image and head into `folder` for the site at `site` ('https://host/qinglian/')."""
    started, made = time.monotonic(), Made()
    folder = Path(folder)
    (folder / IMAGES).mkdir(parents=True, exist_ok=True)
    urls = Urls(site, urlsplit(site).path)
    names: set[str] = set()

    def head(preview: Preview, page_url: str) -> str:
        if preview.image not in names:
            names.add(preview.image)
            target = folder / IMAGES / preview.image
            if not target.exists():
                partial = target.with_suffix(".part")
                partial.write_bytes(preview_png(preview))
                partial.replace(target)  # a crawler never gets half a picture
                made.drawn += 1
        return head_tags(preview, urls.absolute(f"{PUBLIC_IMAGES}/{preview.image}"), page_url)

    with _atomic(folder / "heads.map") as out:
        for preview in every_preview(ds, metrics):
            line_head = nginx_value(head(preview, urls.share(preview.page, preview.view)))
            for key in addresses(urls, preview.page, preview.view):
                out.write(f"{nginx_value(key)} {line_head};\n")
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
    made.images = len(names)
    made.bytes = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    made.seconds = time.monotonic() - started
    return made


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
    args = parser.parse_args(argv)
    if urlsplit(args.site).scheme not in {"http", "https"} or not urlsplit(args.site).netloc:
        print(f"--site: expected an absolute address such as https://your.host/qinglian/; found {args.site!r}", file=sys.stderr)
        return 2
    try:
        ds = read_package(args.package or package_path())
        made = write_previews(ds, args.folder, args.site, metrics=not args.no_metrics, figures=not args.no_figures,
                              progress=lambda n: print(f"\r{n:,} views", end="", file=sys.stderr, flush=True))
    except (DataPackageError, FontMissing) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"\n{made.views:,} views, {made.images:,} images ({made.drawn:,} drawn now), "
          f"{made.bytes / 1e6:.1f} MB in {args.folder}, {made.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
