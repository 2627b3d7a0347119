"""Start a throwaway PostgreSQL on loopback for tests and benchmarks, and remove it afterwards.

Debian's server binaries (`apt-get install postgresql`) are used straight from their folder: no
cluster of the system's is touched. PostgreSQL refuses to run as root, so as root its programs run
as `nobody`. Durability is switched off (fsync, full-page writes): the data is thrown away anyway,
and the server starts in about a second. `python -m deploy.postgres --seconds 600` keeps one up by hand.
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from deploy.server import free_port


def _newest_initdb() -> str | None:
    """initdb of the newest PostgreSQL under /usr/lib/postgresql (its folders are named 15, 16, …), or None."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    return max(found, key=lambda path: [int(n) for n in Path(path).parts[4].split(".") if n.isdigit()], default=None)


BIN: str | None = _newest_initdb()
DATABASE = "qinglian"


class Postgres:
    """A running throwaway server: its port, URLs to it, and stop/start for fault tests."""

    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.port = port
        self.bin = Path(BIN).parent

    def url(self, user: str = "postgres", db: str = DATABASE) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        """Start (again) on the same port; returns once the server accepts connections."""
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", self.folder / "data", "-l", self.folder / "server.log", "-w", "-t", "30",
                  "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", self.folder / "data", "-m", mode, "-w", "stop")

    def execute(self, sql: str, db: str = DATABASE, user: str = "postgres") -> list[tuple]:
        """Run `sql` (one or more statements) in autocommit; the rows of the last one, if it returns any."""
        import psycopg

        with psycopg.connect(self.url(user, db), autocommit=True) as connection:
            cursor = connection.execute(sql)
            while cursor.nextset():  # on to the last statement's result
                pass
            return cursor.fetchall() if cursor.description else []

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _run(self, program: str, *args) -> None:
        command = [str(self.bin / program), *map(str, args)]
        if os.geteuid() == 0:  # the server refuses root; nobody owns the folder
            command = ["runuser", "-u", "nobody", "--", *command]
        done = subprocess.run(command, cwd=self.folder, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}\n"
                               f"{self.log()[-2000:]}")


@contextmanager
def running_postgres():
    """A fresh PostgreSQL on a free loopback port with an empty database `qinglian`, trusting every
    local connection (no passwords); stopped and removed when the block ends, even by an exception."""
    if BIN is None:
        raise RuntimeError("no PostgreSQL under /usr/lib/postgresql (Debian's postgresql package)")
    folder = Path(tempfile.mkdtemp(prefix="qinglian-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
    server = Postgres(folder, free_port())
    try:
        _initdb(server)
        server.start()
        server.execute(f'CREATE DATABASE "{DATABASE}"', db="postgres")
        yield server
    finally:
        try:
            server.stop("immediate")  # nothing to keep: no need to wait for a checkpoint
        except RuntimeError:
            pass  # never started, or a test left it stopped
        shutil.rmtree(folder, ignore_errors=True)


def _initdb(server: Postgres) -> None:
    base = ("initdb", "-D", server.folder / "data", "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
    try:
        server._run(*base, "--locale=C.UTF-8")
    except RuntimeError:  # a system without the C.UTF-8 locale: byte order sorts just as well here
        shutil.rmtree(server.folder / "data", ignore_errors=True)
        server._run(*base, "--locale=C")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.postgres", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600, help="how long to keep it running (default 600)")
    args = parser.parse_args()
    with running_postgres() as server:
        print(server.url(), flush=True)
        try:
            time.sleep(args.seconds)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
