"""Try the nginx recipe on loopback: two replicas under /qinglian/ behind deploy/nginx/qinglian.conf.

    .venv/bin/python -m deploy.local_stack --seconds 600   # prints the URL, stops by itself

Tests and the load benchmark use `running_stack()`. Everything listens on 127.0.0.1 on free ports;
nginx runs from a temporary prefix with its own pid file and logs (not the system service), and
every process is stopped by its own id when the block ends.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy.server import ROOT, free_port, process, streamlit_command, wait_healthy

SITE_CONF = ROOT / "deploy" / "nginx" / "qinglian.conf"
BASE_PATH = "qinglian"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# nginx's main context for a private instance; the site file is included unchanged but for its ports.
MAIN_CONF = """{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format replica '$remote_addr "$request" $status upstream=$upstream_addr cookie=$cookie_qinglian_replica';
    access_log {prefix}/access.log replica;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {site};
}}
"""


@dataclass
class Stack:
    url: str  # e.g. http://127.0.0.1:40123/qinglian
    replica_urls: list[str]
    replica_pids: list[int]
    nginx_pid: int
    prefix: Path

    def access_log(self) -> list[str]:
        return (self.prefix / "access.log").read_text().splitlines()


def nginx_available() -> bool:
    return Path(NGINX).exists()


def site_conf(listen: int, replicas: list[int]) -> str:
    """deploy/nginx/qinglian.conf with its listen port and replica ports swapped for these."""
    text = SITE_CONF.read_text()
    text = re.sub(r"listen \d+;", f"listen 127.0.0.1:{listen};", text)
    servers = iter(replicas)
    text = re.sub(r"server 127\.0\.0\.1:\d+", lambda m: f"server 127.0.0.1:{next(servers)}", text)
    return text


@contextmanager
def running_stack(replicas: int = 2, env: dict | None = None):
    """Two (or `replicas`) Streamlit processes under /qinglian/ and nginx in front; yields a Stack."""
    ports = [free_port() for _ in range(replicas)]
    listen = free_port()
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="qinglian-nginx-") as folder:
        prefix = Path(folder)
        (prefix / "tmp").mkdir()
        app_env = {"STREAMLIT_SERVER_BASE_URL_PATH": BASE_PATH, **(env or {})}
        processes = []
        for port in ports:
            processes.append(stack.enter_context(process(streamlit_command(port), app_env, prefix / f"replica-{port}.log")))
        for port, replica in zip(ports, processes):
            wait_healthy(f"http://127.0.0.1:{port}/{BASE_PATH}/_stcore/health", replica)
        (prefix / "site.conf").write_text(site_conf(listen, ports))
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach the private prefix
        (prefix / "nginx.conf").write_text(MAIN_CONF.format(user=user, prefix=prefix, site=prefix / "site.conf"))
        nginx = stack.enter_context(process(
            [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"], log=prefix / "nginx.out"))
        url = f"http://127.0.0.1:{listen}/{BASE_PATH}"
        wait_healthy(f"{url}/_stcore/health", nginx, seconds=30)
        yield Stack(url, [f"http://127.0.0.1:{p}/{BASE_PATH}" for p in ports], [p.pid for p in processes],
                    nginx.pid, prefix)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=600, help="stop after this long (default 600)")
    parser.add_argument("--replicas", type=int, default=2)
    options = parser.parse_args()
    if not nginx_available():
        print("nginx is not installed (Debian: apt-get install nginx)", file=sys.stderr)
        return 1
    with running_stack(options.replicas) as stack:
        print(f"open {stack.url}/  (replicas {', '.join(stack.replica_urls)}); stopping in {options.seconds:.0f}s",
              flush=True)
        try:
            time.sleep(options.seconds)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
