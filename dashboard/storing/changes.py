"""Editors change the data on the record: publish, correct, withdraw, roll back; read the change log.

Each function is one transaction on the store (a package folder, `duckdb:///FILE` or `postgresql://…`,
as storing/serving.py and dashboard.publish name them): it writes a new version with its `Change`
record and the revisions of every figure it touched, or nothing at all, and returns the Change. Bad
input or a conflict raises PublishError (both languages); a package the change would break raises
DataPackageError naming the file, row and column.

The package store: under a lock file (publishers land one after the other, each reading what the last
wrote), the new tables are written to a scratch copy and checked there with the loader's own rules,
then written beside the package's files and renamed over them, the change record last; a failure
between renames puts the old files back. A running reader notices within a rerun: the package is
re-read when its files' sizes or times change (package.package_fingerprint). Databases:
storing/versions.py, a new schema per version as `dashboard.publish` writes them.
"""
from __future__ import annotations

import csv
import fcntl
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from dashboard.kernel.problems import DataPackageError, PublishError, validate_package
from dashboard.kernel.schema import RECORD_TABLES
from dashboard.kernel.settings import DATABASE_PREFIXES
from dashboard.storing import ledger
from dashboard.storing.ledger import Change

__all__ = ["Change", "PublishError", "publish", "correct", "withdraw", "rollback", "change_log", "history"]

LOCK_FILE = ".qinglian-publish.lock"
# Cited tables before the facts citing them, the change record last: a reader between two renames
# sees a valid package, and a change record only once its figures are in place.
WRITE_ORDER = ("sources", "regions", "facts", "revisions", "changes")
EDITED = ("facts", "sources", "regions", *RECORD_TABLES)

# What a change does to the current tables: (changed tables, its revisions, Change fields: source, …).
Plan = Callable[[dict[str, pd.DataFrame]], tuple[dict[str, pd.DataFrame], pd.DataFrame, dict]]


def publish(store: str, rows: pd.DataFrame, source_row: pd.DataFrame | None, editor: str, note: str,
            regions: pd.DataFrame | None = None) -> Change:
    """Add `rows` (facts.csv's columns, as review.fact_rows gives them), their source and any new areas;
    a row whose fact_id exists corrects the fields that differ."""
    def plan(tables):
        facts = ledger.published(tables["facts"], rows)
        changed = {"facts": facts}
        for name, key, new in (("sources", "id", source_row), ("regions", "code", regions)):
            if new is not None and len(new):
                changed[name] = _added_rows(tables[name], new, key)
        sources = [] if source_row is None else list(dict.fromkeys(source_row["id"].astype(str)))
        return changed, ledger.diff(tables["facts"], facts, note), {"source": sources[0] if len(sources) == 1 else ""}
    return _change(store, "publish", editor, note, plan)


def correct(store: str, fact_id: str, fields: dict[str, str], editor: str, reason: str) -> Change:
    """Replace fields of one figure; the old values stay in its revisions."""
    reason = ledger.required(reason, "更正理由", "A reason for the correction")

    def plan(tables):
        facts = ledger.corrected(tables["facts"], fact_id, fields)
        return {"facts": facts}, ledger.diff(tables["facts"], facts, reason), {}
    return _change(store, "correct", editor, reason, plan)


def withdraw(store: str, fact_id: str, editor: str, reason: str) -> Change:
    """Take one figure out of the facts; its last values stay in its revisions."""
    reason = ledger.required(reason, "撤回理由", "A reason for the withdrawal")

    def plan(tables):
        facts = ledger.withdrawn(tables["facts"], fact_id)
        return {"facts": facts}, ledger.diff(tables["facts"], facts, reason), {}
    return _change(store, "withdraw", editor, reason, plan)


def rollback(store: str, version: int, editor: str, note: str) -> Change:
    """Make version `version`'s facts current again, as a new version recorded as a rollback."""
    def plan(tables):
        known = set(pd.to_numeric(tables["changes"]["version"]).astype(int))
        if int(version) not in known:
            raise ledger.refuse(f"没有版本 {version}。", f"There is no version {version}.")
        facts = ledger.facts_at(tables["facts"], tables["revisions"], int(version))
        revisions = ledger.diff(tables["facts"], facts, note or f"rollback to version {version}", appearing="restored")
        return {"facts": facts}, revisions, {"rolled_back_to": int(version)}
    return _change(store, "rollback", editor, note, plan)


def change_log(store: str) -> pd.DataFrame:
    """Every change, newest first (read only: the reader role may call it)."""
    if _is_database(store):
        from dashboard.storing import versions
        return ledger.change_frame(versions.record(store, "changes"))
    return ledger.change_frame(_read(_descriptor(store).parent, "changes"))


def history(store: str, fact_id: str) -> pd.DataFrame:
    """The revisions of one figure, oldest first (read only)."""
    if _is_database(store):
        from dashboard.storing import versions
        return ledger.revision_frame(versions.record(store, "revisions", fact_id=str(fact_id)))
    revisions = _read(_descriptor(store).parent, "revisions")
    return ledger.revision_frame(revisions[revisions["fact_id"] == str(fact_id)])


def _change(store: str, action: str, editor: str, note: str, plan: Plan) -> Change:
    editor = ledger.required(editor, "编辑者身份", "The editor's identity")
    if _is_database(store):
        from dashboard.storing import versions  # here: the package store never loads database drivers
        return versions.change(store, action, editor, note, plan)
    return _package_change(_descriptor(store), action, editor, note, plan)


def apply(tables: dict[str, pd.DataFrame], action: str, editor: str, note: str, plan: Plan,
          version: int) -> tuple[dict[str, pd.DataFrame], Change, pd.DataFrame]:
    """Run `plan` on the current tables (text): the changed tables, the Change and its revisions (with
    `version`); the record tables come back with them added. Shared by every store."""
    changed, revisions, fields = plan(tables)
    record = ledger.change(version, editor, action, revisions, str(note or "").strip(), **fields)
    revisions = revisions.assign(version=version)
    changed["revisions"] = pd.concat([tables["revisions"], revisions], ignore_index=True)
    changed["changes"] = pd.concat([tables["changes"], pd.DataFrame([record.row()])], ignore_index=True)
    return changed, record, revisions


def next_version(changes: pd.DataFrame, floor: int = 0) -> int:
    versions = pd.to_numeric(changes["version"], errors="coerce").dropna()
    return max([floor, *versions.astype(int)]) + 1


def _package_change(descriptor: Path, action: str, editor: str, note: str, plan: Plan) -> Change:
    folder = descriptor.parent
    with _locked(folder):
        tables = {name: _read(folder, name) for name in EDITED}
        changed, record, _ = apply(tables, action, editor, note, plan, next_version(tables["changes"]))
        texts = {name: csv_text(frame) for name, frame in changed.items()}
        problems = _problems_after(descriptor, texts)
        if problems:
            raise DataPackageError(descriptor, problems)
        _replace_all(folder, texts)
    return record


@contextmanager
def _locked(folder: Path):
    """One publisher at a time per package folder (an advisory lock: every writer here takes it)."""
    with open(folder / LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read(folder: Path, name: str) -> pd.DataFrame:
    """A table as text; a record table the package does not have yet (an older package) is empty."""
    path = folder / f"{name}.csv"
    if name in RECORD_TABLES and not path.exists():
        return pd.DataFrame(columns=list(ledger.CHANGE_COLUMNS if name == "changes" else ledger.REVISION_COLUMNS))
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _added_rows(old: pd.DataFrame, new: pd.DataFrame, key: str) -> pd.DataFrame:
    """`old` with the rows of `new` whose `key` it does not have yet (in its columns)."""
    fresh = new[~new[key].astype(str).isin(old[key])].reindex(columns=old.columns)
    return pd.concat([old, fresh.astype(object).where(fresh.notna(), "").astype(str)], ignore_index=True)


def csv_text(frame: pd.DataFrame) -> str:
    """CSV as data/README.md prescribes: UTF-8, commas, \\n, quoted only when needed, empty for missing."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, na_rep="")
    return buffer.getvalue()


def _problems_after(descriptor: Path, texts: dict[str, str]):
    """The loader's checks on the package as it would be (Frictionless reads files: a scratch copy)."""
    with tempfile.TemporaryDirectory(prefix="qinglian-change-") as scratch:
        for file in descriptor.parent.iterdir():
            if file.suffix in {".json", ".csv"}:
                shutil.copy(file, Path(scratch) / file.name)
        for name, text in texts.items():
            (Path(scratch) / f"{name}.csv").write_text(text, encoding="utf-8")
        return validate_package(Path(scratch) / descriptor.name)


def _replace_all(folder: Path, texts: dict[str, str]) -> None:
    """Every file written beside and flushed first; then renamed over the old ones in WRITE_ORDER. If a
    rename fails, the ones done are undone from the old files kept as hard links."""
    staged, kept, done = {}, {}, []
    try:
        for name in WRITE_ORDER:
            if name in texts:
                staged[name] = _beside(folder / f"{name}.csv", texts[name])
        for name, temporary in staged.items():
            target = folder / f"{name}.csv"
            if target.exists():
                kept[name] = Path(f"{temporary}.old")
                os.link(target, kept[name])
            os.replace(temporary, target)
            done.append(name)
    except BaseException:
        for name in reversed(done):
            if name in kept:
                os.replace(kept.pop(name), folder / f"{name}.csv")
            else:
                (folder / f"{name}.csv").unlink(missing_ok=True)
        raise
    finally:
        for path in [*staged.values(), *kept.values()]:
            Path(path).unlink(missing_ok=True)


def _beside(path: Path, text: str) -> str:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    return temporary


def _descriptor(store: str | Path) -> Path:
    path = Path(store)
    return path / "datapackage.json" if path.is_dir() else path


def _is_database(store: str | Path) -> bool:
    return str(store).startswith((*DATABASE_PREFIXES, "postgres://"))
