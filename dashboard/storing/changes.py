"""Editors change the data on the record: publish, correct, withdraw, roll back; read the change log.

Each function is one transaction on the store (a package folder, `duckdb:///FILE` or `postgresql://…`,
as storing/serving.py and dashboard.publish name them): it writes a new version with its `Change`
record and the revisions of every figure it touched, or nothing at all, and returns the Change. Bad
input or a conflict raises PublishError (both languages); a package the change would break raises
DataPackageError naming the file, row and column.

The package store: under a lock file (publishers land one after the other, each reading what the last
wrote), the new tables are written to a scratch copy and checked there with the loader's own rules,
then staged beside the package's files and renamed over them, the change record last. A failed rename
puts the old files back; a writer killed after listing its staged files (the commit point) is finished
by the next writer, one killed before leaves nothing that counts (`_replace_all`). A running reader notices within a rerun: the package is
re-read when its files' sizes or times change (package.package_fingerprint). Databases:
storing/versions.py, a new schema per version as `dashboard.publish` writes them.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from dashboard.kernel.problems import DataPackageError, PublishError
from dashboard.kernel.schema import RECORD_TABLES
from dashboard.kernel.settings import DATABASE_PREFIXES
from dashboard.storing import ledger
from dashboard.storing.ledger import Change, Plan
from dashboard.storing.package import read_package

__all__ = ["Change", "PublishError", "change_log", "correct", "history", "publish", "rollback", "withdraw"]

LOCK_FILE = ".qinglian-publish.lock"
PENDING = ".qinglian-publish.pending"  # the staged files' names: once written, the change is committed
# Cited tables before the facts citing them, the change record last: a reader between two renames
# sees a valid package, and a change record only once its figures are in place.
WRITE_ORDER = ("sources", "regions", "facts", "revisions", "changes")
EDITED = ("facts", "sources", "regions", *RECORD_TABLES)



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
        if str(version).strip() not in {str(v) for v in known}:
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
        return versions.write_change(store, action, editor, note, plan)
    return _package_change(_descriptor(store), action, editor, note, plan)


def _package_change(descriptor: Path, action: str, editor: str, note: str, plan: Plan) -> Change:
    folder = descriptor.parent
    if not descriptor.is_file():
        raise ledger.refuse(f"{descriptor} 不是数据包(应为 datapackage.json、duckdb:///文件 或 postgresql://…)。",
                            f"{descriptor} is not a data package (expected a datapackage.json, duckdb:///FILE or "
                            "postgresql://…).")
    with _locked(folder):
        _recover(folder)
        tables = {name: _read(folder, name) for name in EDITED}
        changed, record, _ = ledger.apply(tables, action, editor, note, plan, ledger.version_after(tables["changes"]))
        texts = {name: ledger.csv_text(frame) for name, frame in changed.items()}
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


def _problems_after(descriptor: Path, texts: dict[str, str]):
    """The loader's checks on the package as it would be (Frictionless reads files: a scratch copy)."""
    with tempfile.TemporaryDirectory(prefix="qinglian-change-") as scratch:
        for file in descriptor.parent.iterdir():
            if file.suffix in {".json", ".csv"}:
                shutil.copy(file, Path(scratch) / file.name)
        for name, text in texts.items():
            (Path(scratch) / f"{name}.csv").write_text(text, encoding="utf-8")
        try:  # the loader itself: vectorised checks for a national package, Frictionless for the rest
            read_package(Path(scratch) / descriptor.name)
        except DataPackageError as error:
            return error.problems
        return []


def _replace_all(folder: Path, texts: dict[str, str]) -> None:
    """Every file staged beside its old one and flushed; then the list of them (PENDING), the commit
    point; then each renamed over the old one in WRITE_ORDER. A rename that fails is undone from the
    old files kept as hard links; a process killed after the commit point is finished by the next
    writer (`_recover`), one killed before it leaves only staged files, which that writer deletes."""
    names = [name for name in WRITE_ORDER if name in texts]
    for name in names:
        _write_synced(_staged(folder, name), texts[name])
    _write_synced(folder / PENDING, "\n".join(names))
    done = []
    try:
        for name in names:
            target, kept = folder / f"{name}.csv", _kept(folder, name)
            kept.unlink(missing_ok=True)
            if target.exists():
                os.link(target, kept)
            os.replace(_staged(folder, name), target)
            done.append(name)
    except BaseException:
        for name in reversed(done):
            if _kept(folder, name).exists():
                os.replace(_kept(folder, name), folder / f"{name}.csv")
            else:
                (folder / f"{name}.csv").unlink(missing_ok=True)
        (folder / PENDING).unlink(missing_ok=True)
        raise
    finally:
        _clean(folder)
    (folder / PENDING).unlink()


def _recover(folder: Path) -> None:
    """Under the lock, before a change: finish one a killed writer committed, drop one it had not."""
    pending = folder / PENDING
    if pending.exists():
        for name in pending.read_text(encoding="utf-8").split():
            if _staged(folder, name).exists():
                os.replace(_staged(folder, name), folder / f"{name}.csv")
        pending.unlink()
    _clean(folder)


def _clean(folder: Path) -> None:
    for name in WRITE_ORDER:
        _staged(folder, name).unlink(missing_ok=True)
        _kept(folder, name).unlink(missing_ok=True)


def _staged(folder: Path, name: str) -> Path:
    return folder / f".{name}.csv.new"


def _kept(folder: Path, name: str) -> Path:
    return folder / f".{name}.csv.old"


def _write_synced(path: Path, text: str) -> None:
    """`path`'s new text, flushed to disk, in place at once (written beside, then renamed)."""
    temporary = path.with_name(f"{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def _descriptor(store: str | Path) -> Path:
    path = Path(store)
    return path / "datapackage.json" if path.is_dir() else path


def _is_database(store: str | Path) -> bool:
    return str(store).startswith((*DATABASE_PREFIXES, "postgres://"))
