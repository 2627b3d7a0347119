"""What one visitor may cost a replica (issue #31): reruns per session and per address, one kept upload
per session, a budget for the work on /add that ends with the session, and file names shown as text.

nginx limits what it can see (page loads, new sessions, uploads: deploy/nginx/qinglian.conf); a rerun is a
message inside the WebSocket, which nginx cannot count, so reruns are limited here, before the page's work.
"""
from __future__ import annotations

import os
import re
import threading
import time

import streamlit as st

from dashboard.adding.documents import BUDGET_SECONDS, Budget
from dashboard.kernel.i18n import t

# Token buckets: a burst, then a steady rate. A reader changes a filter every few seconds; a newsroom of 30
# behind one address clicks at once. A loop of rerun messages gets the notice instead of the page's work.
SESSION_BURST, SESSION_RATE = 30, float(os.environ.get("QINGLIAN_RERUNS_PER_SECOND", "3"))
ADDRESS_BURST, ADDRESS_RATE = 120, SESSION_RATE * 4
_buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, when)
_lock = threading.Lock()


def _take(tokens: float, when: float, burst: int, rate: float, now: float) -> tuple[bool, float]:
    tokens = min(burst, tokens + (now - when) * rate)
    return tokens >= 1, tokens - 1 if tokens >= 1 else tokens


def client_address() -> str | None:
    """The visitor's address: the last X-Forwarded-For entry (the one nginx saw), else the socket's peer
    (which Streamlit calls None on loopback); None when no visitor is connected (AppTest runs the script
    without a WebSocket, so without its handshake's headers)."""
    headers = st.context.headers
    if not headers.get("Host"):
        return None
    forwarded = (headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
    return forwarded or st.context.ip_address or "127.0.0.1"


def rerun_allowed() -> bool:
    """Take one run from this session's bucket and from its address's; False when either is empty."""
    address = client_address()
    if address is None:  # AppTest: no visitor to limit
        return True
    now = time.monotonic()
    tokens, when = st.session_state.get("_qinglian_reruns", (SESSION_BURST, now))
    ok, tokens = _take(tokens, when, SESSION_BURST, SESSION_RATE, now)
    st.session_state["_qinglian_reruns"] = (tokens, now)
    if not ok:
        return False
    with _lock:
        if len(_buckets) > 10_000:  # forget full buckets: they are what a new address starts with
            for key in [k for k, (n, w) in _buckets.items() if n + (now - w) * ADDRESS_RATE >= ADDRESS_BURST]:
                del _buckets[key]
        ok, tokens = _take(*_buckets.get(address, (ADDRESS_BURST, now)), ADDRESS_BURST, ADDRESS_RATE, now)
        _buckets[address] = (tokens, now)
    return ok


def limit_reruns(lang: str) -> None:
    """Stop this run with a notice, before any page work, when the session or its address reruns too fast."""
    if not rerun_allowed():
        st.warning(t("limits.reruns", lang))
        st.stop()


def keep_only_the_newest_upload() -> None:
    """A session keeps one uploaded file, the newest: /add takes one file, and a visitor who PUTs file after
    file to their session's upload endpoint replaces the last instead of filling the replica's memory."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    if getattr(MemoryUploadedFileManager.add_file, "_qinglian", False):
        return
    add_file = MemoryUploadedFileManager.add_file

    def add_newest(self, session_id, file):
        add_file(self, session_id, file)
        with self._lock:
            older = [f for f in self.file_storage.get(session_id, {}) if f != file.file_id]
        for file_id in older:
            self.remove_file(session_id, file_id)

    add_newest._qinglian = True
    MemoryUploadedFileManager.add_file = add_newest


def session_budget(seconds: float = BUDGET_SECONDS) -> Budget:
    """A budget for work on this session's behalf that also ends when the session does (its tab closed)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner_utils.script_run_context import (
        get_script_run_ctx,
    )
    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists() or client_address() is None:  # AppTest, or a plain call
        return Budget(seconds)
    runtime, session_id = Runtime.instance(), ctx.session_id
    return Budget(seconds, stopped=lambda: not runtime.is_active_session(session_id))


def literal(text: str) -> str:
    """`text` (a file name) for a Markdown element, shown as written: in a code span (as the overview's
    notices echo a link's value), fenced with more backticks than any run inside it, so no Markdown, link,
    autolink, directive (:red[…]) or HTML in it is read as such; line breaks and control characters
    become spaces."""
    text = "".join(" " if not c.isprintable() else c for c in str(text))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if text.startswith("`") or text.endswith("`") else f"{fence}{text}{fence}"
