"""Streamlit's static files, compressed once ahead of time, for nginx and the single container to serve.

    .venv/bin/python -m deploy.assets /srv/qinglian/assets --base-path qinglian   # for the nginx recipe
    python -m deploy.assets /app/assets                                           # in the Dockerfile

Copies the installed Streamlit's `static/static/` (its content-hashed JavaScript, CSS and fonts) to
OUT[/BASE_PATH]/static/, so the folder mirrors the URLs, then writes a brotli (quality 11) and a
gzip (level 9) file beside each compressible one with ServeStatic's compressor. Compressing once at
the highest level costs about 20 s here; doing it per request at that level would cost seconds of
CPU per cold visitor, which is why nginx compresses on the fly only at level 5. A reader's phone then
receives PlotlyChart's 4.7 MB of JavaScript as 1.06 MB (brotli 11) instead of 1.24 MB (on the fly).
Run it again after every Streamlit upgrade: the files are named by their hash, and one missing here is
served, compressed on the fly, by the replicas (the recipe's fallback).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

import streamlit
from servestatic.compress import Compressor

STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static" / "static"
# What a cache of this folder is keyed by: a Streamlit upgrade renames the hashed files.
STAMP = ".streamlit-version"


def build(out: Path, base_path: str = "") -> Path:
    """Write the compressed copy under out/base_path/static/ (replacing it whole); returns that folder."""
    target = out / base_path.strip("/") / "static" if base_path.strip("/") else out / "static"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".assets-") as folder:
        work = Path(folder) / "static"
        shutil.copytree(STREAMLIT_STATIC, work)
        compressor = Compressor(use_gzip=True, use_brotli=True, use_zstd=False, quiet=True)
        files = [str(p) for p in work.rglob("*") if p.is_file() and compressor.should_compress(p.name)]
        with ThreadPoolExecutor() as pool:  # as servestatic's own command does: the compressors release the GIL
            list(pool.map(compressor.compress, files))
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)  # whole or not at all: a reader never gets half a folder
    _stamp(target).write_text(version("streamlit"))
    return target


def _stamp(target: Path) -> Path:
    """Beside the folder, not in it, so nginx does not serve it."""
    return target.with_name(f".{target.name}-{STAMP.lstrip('.')}")


def is_current(target: Path) -> bool:
    """Whether `target` (out[/base_path]/static) was built from the installed Streamlit."""
    return target.is_dir() and _stamp(target).exists() and _stamp(target).read_text() == version("streamlit")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--base-path", default="", help="the replicas' server.baseUrlPath, e.g. qinglian")
    options = parser.parse_args()
    print(build(options.out, options.base_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
