#!/usr/bin/env python3
"""Set up and run the dashboard or its tests: `python3 dev.py start` / `python3 dev.py test`.

Needs only Python 3.11+. Creates `.venv/` beside this file on first use and reinstalls
the project whenever pyproject.toml changes, so a fresh clone works with one command.
`test` also needs Debian's Chromium, CJK fonts, nginx and PostgreSQL for the browser, proxy and database tests, and npm
for the accessibility checkers (axe-core, Lighthouse): run as root (as CI does) it installs the
missing ones with apt-get and `npm ci`; otherwise it says in one line which are missing, and pytest
skips those tests (never under CI=true, where they fail instead).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".dev-stamp"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_venv() -> None:
    """Create the virtualenv and install the project with its test extras, once per pyproject."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not _python().exists():
        print("Creating virtualenv in .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing the dashboard and its test tools …", flush=True)
    pip = [str(_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


# Debian package -> a file the tests need from it.
SYSTEM_PACKAGES = {
    "chromium": "/usr/bin/chromium",
    "fonts-noto-cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "nginx": "/usr/sbin/nginx",
    "libnginx-mod-http-brotli-filter": "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so",
    "libnginx-mod-http-brotli-static": "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
    # The database store's tests start a throwaway server from Debian's binaries (deploy/postgres.py).
    "postgresql": "/usr/lib/postgresql/15/bin/initdb",
    # The link-preview tests read each card's QR code back (tests/e2e/test_link_previews.py).
    "zbar-tools": "/usr/bin/zbarimg",
}


def ensure_system_packages() -> None:
    """Install the Debian packages the tests need when running as root; otherwise say which are missing."""
    missing = [package for package, path in SYSTEM_PACKAGES.items() if not Path(path).exists()]
    if not missing:
        return
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing Debian packages for the browser and proxy tests: {' '.join(missing)} …", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        installed = subprocess.run(["apt-get", "update", "-q"], env=env).returncode == 0 and subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], env=env).returncode == 0
        if not installed:  # pytest then skips those tests, or fails them under CI=true, and says why
            print(f"apt-get could not install {' '.join(missing)}.", flush=True)
    else:
        print(f"Missing {', '.join(missing)}: the browser and proxy tests will be skipped "
              f"(as root on Debian this command installs them: apt-get install {' '.join(missing)}).", flush=True)


AUDIT = ROOT / "tests" / "e2e" / "audit"  # axe-core and Lighthouse, from npm (package.json, package-lock.json)
OIDC = ROOT / "deploy" / "oidc"  # the loopback OpenID Connect provider the editor tests sign in through (oidc-provider)


def ensure_audit_tools() -> None:
    """`npm ci` the accessibility checkers and the test sign-in provider once per lock file; Node.js and npm
    come from Debian when missing and this runs as root. Without them those tests skip (never under CI=true)."""
    if not shutil.which("npm") and os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Node.js and npm for the accessibility checkers …", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", "nodejs", "npm"], env=env)
    for folder, what in ((AUDIT, "the accessibility checkers (axe-core, Lighthouse)"), (OIDC, "the test sign-in provider (oidc-provider)")):
        stamp = folder / "node_modules" / ".dev-stamp"
        wanted = hashlib.sha256((folder / "package-lock.json").read_bytes()).hexdigest()
        if stamp.exists() and stamp.read_text() == wanted:
            continue
        if not shutil.which("npm"):
            print(f"Missing npm: the tests that need {what} will be skipped.", flush=True)
            continue
        print(f"Installing {what} (npm ci) …", flush=True)
        if subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder).returncode == 0:
            stamp.write_text(wanted)


def ensure_static_assets() -> None:
    """The nginx tests serve Streamlit's static files from a copy compressed once (deploy/assets.py);
    make it here, once per Streamlit version, rather than in the first test that needs it."""
    subprocess.run([str(_python()), "-c", "from deploy.local_stack import ensure_assets; ensure_assets()"],
                   cwd=ROOT, check=True)


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command not in {"start", "test"}:
        print(__doc__)
        return 2
    ensure_venv()
    os.chdir(ROOT)
    if command == "start":
        args = ["-m", "streamlit", "run", "dashboard/app.py", "--server.port", "8501", *rest]
    else:
        ensure_system_packages()
        ensure_audit_tools()
        ensure_static_assets()
        # Three workers, a test file each at a time (files share a browser and an app server). On 2 cores
        # a third worker fills the time the others wait for a page to settle: 8:07 against 9:46 with two
        # and 8:34 with four (2026-12-07). `-n 0` runs it in one process.
        workers = [] if any(arg.startswith("-n") for arg in rest) else ["-n", "3", "--dist", "loadfile"]
        args = ["-m", "pytest", *workers, *rest]
    return subprocess.call([str(_python()), *args])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
