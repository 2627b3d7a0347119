"""The single container's entry point: the dashboard as an st.App, with Streamlit's static files
served from a copy compressed once at build time (deploy/assets.py), by ServeStatic.

    python -m streamlit run deploy/container.py      # the Dockerfile's command

Streamlit deliberately sends its JavaScript uncompressed and leaves compression to a proxy; a single
container has none, so ServeStatic (WhiteNoise's ASGI successor) answers /static/ itself: the .br or
.gz file the browser accepts, a year's caching for the hash-named files, no CPU per request. Anything
not in the copy passes through to Streamlit unchanged. Without a copy (QINGLIAN_ASSETS unset or not
built) this is the plain dashboard.
"""
import os
import re
from pathlib import Path

import streamlit as st
from servestatic import ServeStaticASGI
from starlette.middleware import Middleware

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
ASSETS = Path(os.environ.get("QINGLIAN_ASSETS", "/app/assets"))
BASE = os.environ.get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip("/")
HASHED = re.compile(r"\.[A-Za-z0-9_-]{8}\.[a-z0-9]+$")  # Streamlit's build names: index.DormvYxC.js


def _immutable(path: str, url: str) -> bool:
    return bool(HASHED.search(url))


static = ASSETS / BASE / "static" if BASE else ASSETS / "static"
middleware = [Middleware(ServeStaticASGI, root=static, prefix=f"/{BASE}/static/" if BASE else "/static/",
                         immutable_file_test=_immutable, allow_all_origins=False)] if static.is_dir() else []
app = st.App(str(APP), middleware=middleware)
