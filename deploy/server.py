"""Start the dashboard (or another Streamlit script) on loopback, wait until it answers, stop it by its id.

Shared by the tests, the benchmarks and the nginx recipe's local run (`deploy/local_stack.py`),
so none of them imports another's code. Browser helpers for the same three are in `browser.py`.
"""
from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "dashboard/app.py"
REPLICA_ENV = ROOT / "deploy" / "replica.env"


def replica_env() -> dict[str, str]:
    """The allocators' settings every replica runs with (deploy/replica.env, the Dockerfile's ENV too)."""
    lines = REPLICA_ENV.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


# Our servers listen below the kernel's ephemeral range (32768-60999 on Linux): a port bind(0) hands out is
# one outgoing connections take too, so a server stopped and started again on it (the database outage test)
# once found a client's socket sitting there ("Address already in use").
LISTEN_PORTS = range(20000, 32768)


def free_port() -> int:
    for port in random.sample(LISTEN_PORTS, 100):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {LISTEN_PORTS.start}-{LISTEN_PORTS.stop - 1} on 127.0.0.1")


def streamlit_command(port: int, app: str = APP, options: tuple[str, ...] = ()) -> list[str]:
    """`options`: more of Streamlit's own, e.g. ("--secrets.files", path) for the editor app's sign-in."""
    return [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true", *options]


@contextmanager
def process(args: list[str], env: dict | None = None, log: Path | None = None):
    """A child process in the repository folder, ended (then killed) when the block ends."""
    out = open(log, "wb") if log else subprocess.DEVNULL
    child = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=5)
        if log:
            out.close()


def wait_healthy(url: str, child: subprocess.Popen, seconds: float = 90, log: Path | None = None) -> None:
    """Until `url` answers 200; an early exit or a timeout raises, with the log's end when there is one."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{child.args[:4]} exited early with code {child.returncode}\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {seconds}s")


@contextmanager
def running_app(app: str = APP, env: dict | None = None, options: tuple[str, ...] = (), port: int | None = None):
    """`streamlit run app` on a free loopback port; yields its base URL (with the base path, when `env`
    sets one). Its output goes to a temporary log, quoted if it fails to start."""
    port = port or free_port()
    base = (env or {}).get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip("/")
    with tempfile.TemporaryDirectory(prefix="qinglian-app-") as folder:
        log = Path(folder) / "streamlit.log"
        with process(streamlit_command(port, app, options), env, log) as child:
            url = f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")
            wait_healthy(f"{url}/_stcore/health", child, log=log)
            yield url
