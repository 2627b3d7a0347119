"""Try the nginx recipe on loopback: two replicas under /qinglian/ behind deploy/nginx/qinglian.conf.

    .venv/bin/python -m deploy.local_stack --seconds 600   # prints the URL, stops by itself

Tests and the benchmarks use `running_stack()`. Everything listens on 127.0.0.1 on free ports;
nginx runs from a temporary prefix with its own pid file and logs (not the system service), and
every process is stopped by its own id when the block ends. The recipe's files are used unchanged
but for their port numbers (and, with tls=True, a throwaway self-signed certificate's paths);
qinglian-brotli.conf is included when Debian's brotli module is installed, as on a server.
With previews=True the link previews are made for the served package at start (`python -m
dashboard.previews`, its images kept in .cache/ between runs) and qinglian-previews.conf serves them;
otherwise its map files hold only the default (Streamlit's own <title>).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path

from deploy import assets
from deploy.clients import page_load
from deploy.server import ROOT, free_port, process, replica_env, streamlit_command, wait_healthy

RECIPE = ROOT / "deploy" / "nginx"
SITE_CONF = RECIPE / "qinglian.conf"
BASE_PATH = "qinglian"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Debian's libnginx-mod-http-brotli-filter and -static; qinglian-brotli.conf needs both.
BROTLI_MODULES = [Path(f"/usr/lib/nginx/modules/ngx_http_brotli_{kind}_module.so") for kind in ("filter", "static")]
# The precompressed copy of Streamlit's static files (deploy/assets.py), made once per Streamlit version.
ASSETS = ROOT / ".cache" / "assets"
# Preview images, named by a hash of what they draw: drawn once, kept between runs (and shared by the tests
# that make previews), in a folder of their own for each version of the code that draws them, so a changed
# drawing is never hidden by a picture an older version left.
_DRAWER = (ROOT / "dashboard" / "reading" / "share_images.py").read_bytes()
PREVIEW_IMAGES = ROOT / ".cache" / f"preview-images-{hashlib.sha256(_DRAWER).hexdigest()[:12]}"
PREVIEWS_ROOT = "/srv/qinglian/previews"  # the recipe's folder, swapped for the private one
# nginx's main context for a private instance; the site files are included unchanged but for their ports.
MAIN_CONF = """{user}{modules}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;  # as Debian's own nginx.conf does: the static files' types
    default_type application/octet-stream;
    log_format replica '$remote_addr "$request" $status upstream=$upstream_addr cookie=$cookie_qinglian_replica';
    access_log {prefix}/access.log replica;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    {includes}
}}
"""


@dataclass
class Stack:
    url: str  # e.g. http://127.0.0.1:40123/qinglian
    replica_urls: list[str]
    replica_pids: list[int]
    nginx_pid: int
    prefix: Path
    https_url: str | None = None  # with tls=True: the same site through qinglian-tls.conf
    _replicas: list = field(default_factory=list, repr=False)
    _start: object = field(default=None, repr=False)

    def access_log(self) -> list[str]:
        return (self.prefix / "access.log").read_text().splitlines()

    def logged(self, needle: str, after: int = 0, seconds: float = 5) -> list[str]:
        """The access-log lines from line `after` on that contain `needle`, waited for: nginx writes a line
        just after the answer, so a client that has its answer may read the log before the line is there."""
        deadline = time.monotonic() + seconds
        while not (lines := [line for line in self.access_log()[after:] if needle in line + " "]):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no access-log line with {needle!r} within {seconds} s")
            time.sleep(0.05)
        return lines

    def replica_for(self, cookie: str) -> str:
        """Where nginx sends a browser with this replica cookie ('127.0.0.1:port'): one page load, then
        its access-log line."""
        page_load(self.url, "127.0.0.1", f"qinglian_replica={cookie}")
        return self.logged(f"cookie={cookie} ")[-1].split("upstream=")[1].split()[0].rstrip(",")

    def kill_replica(self, index: int) -> None:
        """SIGKILL one replica, as a crash or an out-of-memory kill would end it."""
        child = self._replicas[index]
        child.kill()
        child.wait(timeout=10)

    def restart_replica(self, index: int) -> None:
        """Start the replica again on its port and wait until it answers."""
        self._replicas[index] = self._start(index)
        self.replica_pids[index] = self._replicas[index].pid


def ensure_assets() -> Path:
    """The compressed copy the recipe's /qinglian/static/ location serves, made once per Streamlit version
    (about 20 s; `dev.py test` makes it before the tests start)."""
    target = ASSETS / BASE_PATH / "static"
    if not assets.is_current(target):
        print("Compressing Streamlit's static files once (deploy/assets.py) …", file=sys.stderr, flush=True)
        assets.build(ASSETS, BASE_PATH)
    return target


def nginx_available() -> bool:
    return Path(NGINX).exists()


def site_conf(listen: int, replicas: list[int], conf: Path = SITE_CONF, editors: list[int] | None = None) -> str:
    """A recipe file with its listen port, replica ports and editor ports swapped for these."""
    text = conf.read_text()
    text = re.sub(r"listen \d+(?=[ ;])", f"listen 127.0.0.1:{listen}", text)
    for upstream, ports in (("qinglian", replicas), ("qinglian_edit", editors or [free_port()])):
        servers = cycle(ports)  # fewer ports than lines: repeated; an editor upstream with none started answers 502
        text = re.sub(rf"upstream {upstream} \{{.*?\}}", lambda block: re.sub(
            r"server 127\.0\.0\.1:\d+", lambda m: f"server 127.0.0.1:{next(servers)}", block[0]), text, flags=re.S)
    return text


def self_signed(prefix: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1, for trying the HTTPS variant on loopback."""
    cert, key = prefix / "qinglian.pem", prefix / "qinglian.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def make_previews(folder: Path, site: str | None, env: dict | None = None) -> None:
    """The previews' map files and images in `folder` for the site at `site`, as a server's start makes
    them; with no site, map files that hold only the default (Streamlit's own <title>)."""
    folder.mkdir(parents=True, exist_ok=True)
    if site is None:
        (folder / "images").mkdir(exist_ok=True)
        (folder / "heads.map").write_text("")
        (folder / "figures.map").write_text("")
        (folder / "areas.map").write_text("")
        (folder / "pages.map").write_text("default '<title>Streamlit</title>';\n")
        return
    PREVIEW_IMAGES.mkdir(parents=True, exist_ok=True)
    (folder / "images").symlink_to(PREVIEW_IMAGES, target_is_directory=True)
    subprocess.run([sys.executable, "-m", "dashboard.previews", str(folder), "--site", site], cwd=ROOT, check=True,
                   env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def write_nginx_conf(prefix: Path, listen: int, ports: list[int], tls_listen: int | None,
                     editors: list[int] | None = None) -> Path:
    """The private nginx.conf, with the recipe's files beside it as a server would have them (the previews'
    map files in prefix/previews: make_previews)."""
    (prefix / "snippets").mkdir()
    app = (RECIPE / "qinglian-app.conf").read_text().replace("root /srv/qinglian/assets;", f"root {ASSETS};")
    (prefix / "snippets" / "qinglian-app.conf").write_text(app)
    previews = (RECIPE / "qinglian-previews-app.conf").read_text().replace(PREVIEWS_ROOT, str(prefix / "previews"))
    (prefix / "snippets" / "qinglian-previews-app.conf").write_text(previews)
    (prefix / "previews.conf").write_text(
        (RECIPE / "qinglian-previews.conf").read_text().replace(PREVIEWS_ROOT, str(prefix / "previews")))
    includes = [prefix / "previews.conf", prefix / "site.conf"]
    (prefix / "site.conf").write_text(site_conf(listen, ports, editors=editors))
    if tls_listen:
        cert, key = self_signed(prefix)
        text = site_conf(tls_listen, ports, RECIPE / "qinglian-tls.conf", editors)
        text = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", text)
        text = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", text)
        (prefix / "tls.conf").write_text(text)
        includes.append(prefix / "tls.conf")
    modules = ""
    if all(module.exists() for module in BROTLI_MODULES):
        modules = "".join(f"load_module {module};\n" for module in BROTLI_MODULES)
        includes.insert(0, RECIPE / "qinglian-brotli.conf")
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach the private prefix
    conf = prefix / "nginx.conf"
    conf.write_text(MAIN_CONF.format(user=user, modules=modules, prefix=prefix,
                                     includes="\n    ".join(f"include {path};" for path in includes)))
    return conf


@contextmanager
def running_stack(replicas: int = 2, env: dict | None = None, tls: bool = False, editor_env: dict | None = None,
                  editor_options: tuple[str, ...] = (), listen: int | None = None, previews: bool = False):
    """Two (or `replicas`) Streamlit processes under /qinglian/ and nginx in front; yields a Stack. With
    `editor_env` (its settings), the editor app too, under /edit/ (its `editor_options`: e.g. its secrets file).
    `previews`: make the link previews of the served package for this stack's address first."""
    ports = [free_port() for _ in range(replicas)]
    listen, tls_listen = listen or free_port(), (free_port() if tls else None)
    editors = [free_port()] if editor_env is not None else []
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="qinglian-nginx-") as folder:
        prefix = Path(folder)
        (prefix / "tmp").mkdir()
        app_env = {**replica_env(), "STREAMLIT_SERVER_BASE_URL_PATH": BASE_PATH, **(env or {})}

        def start(index: int, wait: bool = True):
            port = ports[index]
            child = stack.enter_context(process(streamlit_command(port), app_env, prefix / f"replica-{port}.log"))
            if wait:
                wait_healthy(f"http://127.0.0.1:{port}/{BASE_PATH}/_stcore/health", child)
            return child

        processes = [start(index, wait=False) for index in range(replicas)]
        for port in editors:
            child = stack.enter_context(process(streamlit_command(port, "dashboard/edit.py", editor_options),
                                                {"STREAMLIT_SERVER_BASE_URL_PATH": "edit", **editor_env},
                                                prefix / f"editor-{port}.log"))
            wait_healthy(f"http://127.0.0.1:{port}/edit/_stcore/health", child)
        for port, replica in zip(ports, processes):
            wait_healthy(f"http://127.0.0.1:{port}/{BASE_PATH}/_stcore/health", replica)
        ensure_assets()
        url = f"http://127.0.0.1:{listen}/{BASE_PATH}"
        make_previews(prefix / "previews", f"{url}/" if previews else None, env)
        conf = write_nginx_conf(prefix, listen, ports, tls_listen, editors)
        nginx = stack.enter_context(process(
            [NGINX, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"], log=prefix / "nginx.out"))
        wait_healthy(f"{url}/_stcore/health", nginx, seconds=30)
        yield Stack(url, [f"http://127.0.0.1:{p}/{BASE_PATH}" for p in ports], [p.pid for p in processes],
                    nginx.pid, prefix, f"https://127.0.0.1:{tls_listen}/{BASE_PATH}" if tls else None,
                    processes, start)


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
