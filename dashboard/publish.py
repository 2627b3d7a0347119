"""Load a checked data package into a database as a new version: `python -m dashboard.publish PACKAGE --to URL`;
make an earlier version current again: `python -m dashboard.publish --rollback N --to URL`.

URL: `duckdb:///FILE` (as SQLAlchemy reads it) or `postgresql://USER@HOST:PORT/DB`, the password from
PGPASSWORD or ~/.pgpass (a rollback also takes a package folder). Each version is a schema (qinglian_v1, …)
and the one row of `qinglian_meta.current` names the one to serve: a page reads one consistent version, and
the switch is that row's update in the transaction that created and filled the schema, with the version's
change record (editor `cli:<user>`). A failure anywhere rolls it all back, CREATE SCHEMA included, and the
old version keeps serving; the newest KEEP stay, so a page begun before the switch can finish. How a
version is written: storing/versions.py; an editor's changes: storing/changes.py.
"""
from __future__ import annotations

import argparse
import getpass
import sys
import time
from contextlib import closing, suppress
from pathlib import Path

import duckdb
import psycopg

from dashboard import previews
from dashboard.kernel.problems import DataPackageError, PublishError
from dashboard.kernel.settings import duckdb_file, is_duckdb
from dashboard.storing import changes
from dashboard.storing.package import read_package
from dashboard.storing.versions import META, open_database, shown_url, tables_of, write_version


def cli_editor() -> str:
    """Who publishes from a shell, as the change record names them."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # a container's user without a name
        return "cli:unknown"


def publish(package: Path, url: str, progress=None, note: str = "") -> int:
    """Check `package`, then load it into the database at `url` as the new current version; its number.
    `progress(table, bytes_done, bytes_total)` is called while each table's CSV loads."""
    return _publish(Path(package), url, progress, note)[0]


def current_version(url: str) -> int | None:
    """The version the dashboard serves from `url`; None before the first publish."""
    if is_duckdb(url) and not Path(duckdb_file(url)).exists():
        return None
    with closing(open_database(url, read_only=True)) as db, suppress(psycopg.errors.UndefinedTable, duckdb.CatalogException):
        return db.execute(f"SELECT max(version) FROM {META}.current")[0][0]
    return None  # no table yet: nothing was ever published here


def _publish(package: Path, url: str, progress, note: str = "") -> tuple[int, int]:
    """(version, facts); a bad package raises PublishError before the database is touched."""
    try:
        read_package(package)
    except DataPackageError as error:
        raise PublishError(f"{error}\nNothing was published.") from error
    tables = tables_of(package)
    try:
        with closing(open_database(url)) as db, db.transaction():
            return write_version(db, package, tables, progress or (lambda *_: None), cli_editor(),
                                 note or f"python -m dashboard.publish {package.name}")
    except Exception as error:  # the engine's, a file's, a lost connection's: rolled back all the same
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise PublishError(f"publishing to {shown_url(url)} failed; the current version is unchanged: {reason}") from error


def _progress_bar(table: str, done: int, total: int, width: int = 30) -> None:
    """A line per table on stderr, redrawn in place on a terminal; in a log, only the finished line."""
    if done < total and not sys.stderr.isatty():
        return
    filled = width * done // total if total else width
    line = f"{table:<11} [{'#' * filled}{'.' * (width - filled)}] {done:,} / {total:,} bytes"
    print(f"\r{line}", end="\n" if done >= total else "", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.publish", description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, nargs="?", help="the package's datapackage.json")
    parser.add_argument("--to", required=True, metavar="URL", help="duckdb:///FILE or postgresql://USER@HOST:PORT/DB")
    parser.add_argument("--rollback", type=int, metavar="N", help="make version N current again (no PACKAGE)")
    parser.add_argument("--note", default="", help="the change record's note")
    parser.add_argument("--previews", type=Path, metavar="FOLDER",
                        help="then make the link previews there (python -m dashboard.previews FOLDER --site URL)")
    parser.add_argument("--site", metavar="URL", help="with --previews: the dashboard's public address")
    args = parser.parse_args(argv)
    if (args.package is None) == (args.rollback is None):
        parser.error("give a PACKAGE to publish or --rollback N, not both")
    started = time.monotonic()
    try:
        if args.rollback is not None:
            change = changes.rollback(args.to, args.rollback, cli_editor(), args.note or f"rollback to version {args.rollback}")
            print(f"version {change.version} makes version {args.rollback}'s facts current again "
                  f"({change.added} restored, {change.corrected} corrected back, {change.withdrawn} withdrawn) "
                  f"at {shown_url(args.to)}")
            return 0
        version, facts = _publish(args.package, args.to, _progress_bar, args.note)
    except (PublishError, DataPackageError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"published version {version} ({facts:,} facts) to {shown_url(args.to)} in {time.monotonic() - started:.1f} s")
    if args.previews and args.package:  # the published package's previews, for nginx (deploy/nginx/qinglian-previews.conf)
        return previews.main([str(args.previews), "--package", str(args.package), *(["--site", args.site] if args.site else [])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
