#!/usr/bin/env python3
"""Set up and run the dashboard or its tests: `python3 dev.py start` / `python3 dev.py test`.

Needs only Python 3.11+. Creates `.venv/` beside this file on first use and reinstalls
the project whenever pyproject.toml changes, so a fresh clone works with one command.
"""
from __future__ import annotations

import hashlib
import os
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
        args = ["-m", "pytest", *rest]
    return subprocess.call([str(_python()), *args])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
