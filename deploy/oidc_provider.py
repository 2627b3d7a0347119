"""A real OpenID Connect provider on loopback (deploy/oidc/provider.mjs: panva's oidc-provider, one client, a
fixed list of test users) and the editor app's secrets.toml for it. The tests sign in through it; on a laptop:

    .venv/bin/python -m deploy.oidc_provider --seconds 3600   # starts it and the editor app, prints where

The provider's sign-in form is the library's development form: any password for a listed user. It listens
on 127.0.0.1 only; never put it in front of anyone else (docs/editing.md: a managed or self-hosted one).
"""
from __future__ import annotations

import argparse
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy.server import ROOT, free_port, process, running_app

FOLDER = ROOT / "deploy" / "oidc"
SCRIPT = FOLDER / "provider.mjs"
NODE = shutil.which("node") or "/usr/bin/node"
# The test users of provider.mjs: sign-in name → the email the editor allow-list names.
USERS = {"editor": "editor@example.org", "editor2": "editor2@example.org", "reader": "reader@example.org"}
CLIENT_ID = "qinglian-editor"
EDIT_PATH = "edit"  # the editor app's base path (server.baseUrlPath), as in the nginx recipe


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


def installed() -> bool:
    """node and `npm ci` in deploy/oidc/ (dev.py test does it)."""
    return Path(NODE).exists() and (FOLDER / "node_modules" / "oidc-provider").is_dir()


def install() -> None:
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=FOLDER, check=True)


@contextmanager
def running_provider(redirect_uris: list[str]):
    """The provider on a free loopback port, knowing these redirect URIs; yields a Provider."""
    port, secret = free_port(), secrets.token_urlsafe(24)
    env = {"OIDC_PORT": str(port), "OIDC_REDIRECT_URIS": ",".join(redirect_uris), "OIDC_CLIENT_ID": CLIENT_ID,
           "OIDC_CLIENT_SECRET": secret, "OIDC_COOKIE_KEY": secrets.token_urlsafe(24)}
    provider = Provider(f"http://127.0.0.1:{port}", CLIENT_ID, secret)
    with tempfile.TemporaryDirectory(prefix="qinglian-oidc-") as folder:
        log = Path(folder) / "provider.log"
        with process([NODE, str(SCRIPT)], env, log) as child:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(provider.metadata_url, timeout=2) as answer:
                        assert json.load(answer)["issuer"] == provider.issuer
                        break
                except OSError:
                    if child.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"the OIDC provider did not start:\n{log.read_text(errors='replace')[-2000:]}")
                    time.sleep(0.2)
            yield provider


def secrets_toml(provider: Provider, redirect_uri: str, cookie_secret: str | None = None) -> str:
    """The editor app's [auth] section for this provider (Streamlit's st.login settings)."""
    values = {"redirect_uri": redirect_uri, "cookie_secret": cookie_secret or secrets.token_urlsafe(32),
              "client_id": provider.client_id, "client_secret": provider.client_secret,
              "server_metadata_url": provider.metadata_url}
    # Streamlit asks for prompt=select_account, which the OIDC core spec does not define (oidc-provider refuses
    # it); prompt=login is core, and asks an editor to sign in each time, which suits an editor.
    return ("[auth]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in values.items())
            + 'client_kwargs = { prompt = "login" }\n')


@contextmanager
def running_editor(env: dict | None = None, port: int | None = None):
    """The provider and the editor app (dashboard/edit.py under /edit/) signed in through it; yields
    (editor URL, Provider). `env` adds the app's settings (QINGLIAN_EDITORS, QINGLIAN_STORE …)."""
    port = port or free_port()
    redirect = f"http://127.0.0.1:{port}/{EDIT_PATH}/oauth2callback"
    with running_provider([redirect]) as provider, tempfile.TemporaryDirectory(prefix="qinglian-edit-") as folder:
        path = Path(folder) / "secrets.toml"
        path.write_text(secrets_toml(provider, redirect))
        app_env = {"STREAMLIT_SERVER_BASE_URL_PATH": EDIT_PATH, **(env or {})}
        with running_app("dashboard/edit.py", app_env, ("--secrets.files", str(path)), port) as url:
            yield url, provider


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3600, help="stop after this long (default 3600)")
    options = parser.parse_args()
    if not installed():
        install()
    with running_editor({"QINGLIAN_EDITORS": USERS["editor"]}) as (url, provider):
        print(f"editor app: {url}/  provider: {provider.issuer}  (sign in as 'editor', any password; "
              f"'reader' is not an editor); stopping in {options.seconds:.0f}s", flush=True)
        try:
            time.sleep(options.seconds)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
