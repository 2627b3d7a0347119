"""Plain clients of the recipe from a chosen loopback address, as nginx's per-address limits see them.

Loopback is all of 127.0.0.0/8, so a test or a benchmark can be several clients at once: a flooder
on 127.0.0.2, a newsroom on 127.0.0.3, browsers on 127.0.0.1. Shared by tests/e2e/test_deploy_floods.py
and benchmarks/floods.py.
"""
from __future__ import annotations

import asyncio
import http.client
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import websockets


def page_load(url: str, source: str, cookie: str = "") -> int:
    """GET `url`/enforcement from `source`, as a browser opening a shared link does; the HTTP status."""
    split = urlsplit(url)
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=30, source_address=(source, 0))
    try:
        connection.request("GET", f"{split.path}/enforcement", headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


async def open_session(url: str, source: str) -> int:
    """Open Streamlit's WebSocket from `source` and close it again: 101 when accepted, else the refusal's status."""
    split = urlsplit(url)
    try:
        async with websockets.connect(f"ws://{split.netloc}{split.path}/_stcore/stream", subprotocols=["streamlit"],
                                      additional_headers={"Origin": f"http://{split.netloc}"}, open_timeout=30,
                                      local_addr=(source, 0)):
            return 101
    except websockets.InvalidStatus as refused:
        return refused.response.status_code


def replica_cookie(url: str) -> str:
    """Load the page as a browser would first; the cookies nginx answers with (its replica cookie)."""
    import urllib.request
    with urllib.request.urlopen(url + "/", timeout=60) as response:
        response.read()
        return "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])


def rerun_message(url: str, page_name: str) -> bytes:
    """Streamlit's `rerun_script` message for `page_name`, as a tab sends it when a reader changes something."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    back = BackMsg()
    back.rerun_script.page_name = page_name
    back.rerun_script.context_info.url = f"{url}/{page_name}"
    return back.SerializeToString()


def handshake_status(stream_url: str, origin: str | None, timeout: float = 30) -> int:
    """The HTTP status a WebSocket handshake to `stream_url` (ws://host/path/_stcore/stream) gets with this
    `Origin` (None: no header): 101 when it is upgraded. asyncio runs in a thread of its own: Playwright's
    sync API may hold this thread's event loop."""
    async def connect() -> int:
        try:
            async with websockets.connect(stream_url, subprotocols=["streamlit"], origin=origin, open_timeout=timeout):
                return 101
        except websockets.InvalidStatus as refused:
            return refused.response.status_code

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, connect()).result()
