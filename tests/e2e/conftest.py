"""Real-browser fixtures: one app server for the whole session (the browser is in tests/conftest.py), and
the ports this worker's own stacks and servers listen on."""
import os
import socket
from types import SimpleNamespace

import pytest

from deploy.server import LISTEN_PORTS, running_app

# A browser context keeps the code it compiled by the script's address (V8's code cache sits beside the HTTP
# cache's entry), so a page from a server on a port the context has not seen compiles Streamlit's and Plotly's
# code again: 3.0 s of Chromium's CPU against 1.5-1.7 s from a server started again on the same port (measured
# 2026-12-08). So the stacks a worker starts (one after another, a module's each) all listen on one port of the
# worker's own, and the servers its tests start themselves on another: below LISTEN_PORTS, where free_port
# never hands one out to another server while this worker's is stopped between modules.
OWN_PORTS = range(LISTEN_PORTS.start - 100, LISTEN_PORTS.start)


@pytest.fixture(scope="session")
def app_url():
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def own_ports() -> SimpleNamespace:
    """(site: for running_stack's nginx, app: for running_app) this worker's two, free now."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    free = [port for port in (*OWN_PORTS[worker * 4:], *OWN_PORTS[:worker * 4]) if _bindable(port)]
    if len(free) < 2:
        pytest.fail(f"no two free ports in {OWN_PORTS.start}-{OWN_PORTS.stop - 1} on 127.0.0.1")
    return SimpleNamespace(site=free[0], app=free[1])


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
