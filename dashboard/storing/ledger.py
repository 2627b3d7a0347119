"""The change record as pure functions: what changed between two sets of facts, the facts as an earlier
version had them, and the `Change` a version records. Every store (storing/changes.py) writes what
these compute; none of them touches a file or a database.

Facts here are text, as facts.csv holds them (one row per figure, `fact_id` unique): a number is
compared as its written form (`11`, not `11.0`), so a figure read back from a database is the same
figure. A withdrawn figure's last values are kept as one JSON object in its revision, so any earlier
version can be rebuilt from the current facts and the revisions alone (`facts_at`).
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from dashboard.kernel.problems import PublishError
from dashboard.kernel.schema import FACT_COLUMNS, NUMBER_COLUMNS, columns

# One figure, one row: two facts with these alike are the same figure (adding/append.py's rule for /add).
SAME_FIGURE = ("indicator", "region", "period_start", "period_end", "source")
CHANGE_COLUMNS = columns("changes")
REVISION_COLUMNS = columns("revisions")


@dataclass(frozen=True)
class Change:
    """One row of `changes`: the version a publish, correction, withdrawal or rollback made current."""

    version: int
    time: str  # UTC, ISO 8601 with a Z
    editor: str
    action: str  # publish | correct | withdraw | rollback
    source: str
    added: int
    corrected: int
    withdrawn: int
    rolled_back_to: int | None
    note: str

    def row(self) -> dict:
        return asdict(self)


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def refuse(chinese: str, english: str) -> PublishError:
    """A PublishError said in both languages, and that nothing was written."""
    return PublishError(f"{chinese}未发布任何内容。", f"{english} Nothing was published.")


def written(value, column: str) -> str:
    """A cell as facts.csv writes it: a whole number without a decimal point, empty for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if column in NUMBER_COLUMNS["facts"] and str(value).strip():
        try:
            number = float(value)
        except ValueError:
            return str(value)  # not a number: the package's check says so, naming the cell
        return str(int(number)) if number.is_integer() else repr(number)
    if hasattr(value, "isoformat"):  # a date read back from a database
        return value.isoformat()[:10]
    return str(value)


def as_text(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts in facts.csv's columns and written form, one row per fact_id (the last one wins). Each
    distinct value is written once: a national package repeats a few dozen dates a million times."""
    frame = facts.reindex(columns=list(FACT_COLUMNS))
    text = {}
    for column in FACT_COLUMNS:
        codes, uniques = pd.factorize(frame[column].astype(object), use_na_sentinel=True)
        words = np.array([written(v, column) for v in uniques] + [""], dtype=object)  # code -1: missing
        text[column] = words[codes]
    return pd.DataFrame(text, columns=list(FACT_COLUMNS), dtype=object).drop_duplicates("fact_id", keep="last").reset_index(drop=True)


def _rows_json(rows: np.ndarray) -> list[str]:
    return [json.dumps(dict(zip(FACT_COLUMNS, row)), ensure_ascii=False) for row in rows]


def diff(old: pd.DataFrame, new: pd.DataFrame, reason: str, appearing: str = "added") -> pd.DataFrame:
    """The revisions that turn facts `old` into `new` (both as_text): a row per figure that appears
    (`appearing`: added, or restored by a rollback) or goes (withdrawn), and per field that differs,
    in the new facts' order. Column `version` is left empty for the caller to fill. Compared as whole
    arrays, not cell by cell: republishing a national package compares ten million cells."""
    # Object arrays and hash lookups: pandas' Arrow strings look ids up one by one (profiled: 20x slower).
    was_all, now_all = old[list(FACT_COLUMNS)].to_numpy(dtype=object), new[list(FACT_COLUMNS)].to_numpy(dtype=object)
    old_ids, new_ids = pd.Index(was_all[:, 0], dtype=object), pd.Index(now_all[:, 0], dtype=object)
    position = old_ids.get_indexer(new_ids)  # -1: a figure the old facts do not have
    kept = position >= 0
    was, now = was_all[position[kept]], now_all[kept]
    at, field = np.nonzero(was != now)
    appeared, gone = now_all[~kept], was_all[new_ids.get_indexer(old_ids) < 0]
    parts = [
        pd.DataFrame({"fact_id": appeared[:, 0], "action": appearing, "field": "", "old_value": "",
                      "new_value": _rows_json(appeared)}, dtype=object),
        pd.DataFrame({"fact_id": now[at, 0], "action": "corrected", "field": np.array(FACT_COLUMNS, dtype=object)[field],
                      "old_value": was[at, field], "new_value": now[at, field]}, dtype=object),
        pd.DataFrame({"fact_id": gone[:, 0], "action": "withdrawn", "field": "", "old_value": _rows_json(gone),
                      "new_value": ""}, dtype=object),
    ]
    frame = pd.concat([p.astype(object) for p in parts], ignore_index=True)
    frame.insert(0, "version", "")
    frame["reason"] = reason
    return frame.reindex(columns=list(REVISION_COLUMNS)).fillna("")


def counts(revisions: pd.DataFrame) -> dict[str, int]:
    """Figures added (restored ones too), corrected (once however many fields) and withdrawn."""
    action = revisions["action"]
    return {"added": int(action.isin(["added", "restored"]).sum()),
            "corrected": int(revisions.loc[action == "corrected", "fact_id"].nunique()),
            "withdrawn": int((action == "withdrawn").sum())}


def facts_at(current: pd.DataFrame, revisions: pd.DataFrame, version: int) -> pd.DataFrame:
    """The facts (as_text) as version `version` had them: every revision after it undone, newest first."""
    facts = {row["fact_id"]: dict(row) for _, row in as_text(current).iterrows()}
    later = revisions[pd.to_numeric(revisions["version"]).astype(int) > int(version)]
    for _, revision in later.iloc[::-1].iterrows():
        fact_id, action = revision["fact_id"], revision["action"]
        if action in ("added", "restored"):
            facts.pop(fact_id, None)
        elif action == "withdrawn":
            facts[fact_id] = json.loads(revision["old_value"])
        elif action == "corrected" and fact_id in facts:
            facts[fact_id][revision["field"]] = revision["old_value"]
    return pd.DataFrame(list(facts.values()), columns=list(FACT_COLUMNS)).fillna("")


def published(old: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The facts after publishing `rows`: a row whose fact_id exists replaces it (a correction of the
    fields that differ), the others are added after the existing ones."""
    repeated = rows["fact_id"][rows["fact_id"].duplicated()] if "fact_id" in rows else []
    if len(repeated):
        raise refuse(f"fact_id {repeated.iloc[0]!r} 出现了不止一次。", f"The fact_id {repeated.iloc[0]!r} is there more than once.")
    rows = as_text(rows)
    if rows.empty:
        raise refuse("没有要发布的数字行。", "There are no rows to publish.")
    if (rows["fact_id"] == "").any():
        raise refuse("每一行都需要 fact_id。", "Every row needs a fact_id.")
    by_id, new = rows.set_index("fact_id", drop=False), old.copy()
    hit = new["fact_id"].isin(by_id.index)
    new.loc[hit, list(FACT_COLUMNS)] = by_id.loc[new.loc[hit, "fact_id"], list(FACT_COLUMNS)].to_numpy()
    return pd.concat([new, rows[~rows["fact_id"].isin(old["fact_id"])]], ignore_index=True)[list(FACT_COLUMNS)]


def corrected(old: pd.DataFrame, fact_id: str, fields: dict[str, str]) -> pd.DataFrame:
    """The facts with fields of one figure replaced; refuses an unknown figure or column, and fact_id."""
    known(old, fact_id)
    unknown = [f for f in fields if f not in FACT_COLUMNS or f == "fact_id"]
    if unknown:
        raise refuse(f"不能更正字段 {unknown[0]!r}(fact_id 不可更改)。",
                     f"The field {unknown[0]!r} cannot be corrected (a figure keeps its fact_id).")
    new = old.copy()
    at = new.index[new["fact_id"] == fact_id][0]
    for field, value in fields.items():
        new.at[at, field] = written(value, field)
    return new


def withdrawn(old: pd.DataFrame, fact_id: str) -> pd.DataFrame:
    known(old, fact_id)
    return old[old["fact_id"] != fact_id].reset_index(drop=True)


def refuse_duplicates(facts: pd.DataFrame, touched: set[str]) -> None:
    """Refuses facts where a figure this change touched has the indicator, area, period and source of
    another (an older package's own duplicates are left to its maintainers)."""
    alike = facts[facts.duplicated(list(SAME_FIGURE), keep=False)]
    for _, group in alike.groupby(list(SAME_FIGURE), sort=False):
        if touched & set(group["fact_id"]):
            first, second = group["fact_id"].iloc[:2]
            raise refuse(f"{second!r} 与 {first!r} 的指标、地区、时期和来源相同:是同一个数字。",
                         f"{second!r} has the indicator, area, period and source of {first!r}: it is the same figure.")


def known(facts: pd.DataFrame, fact_id: str) -> None:
    if fact_id not in set(facts["fact_id"]):
        raise refuse(f"当前数据中没有数字 {fact_id!r}。", f"There is no figure {fact_id!r} in the current data.")


def required(text: str, chinese: str, english: str) -> str:
    """`text` stripped; refused when empty (an editor, a reason)."""
    if not str(text or "").strip():
        raise refuse(f"需要填写{chinese}。", f"{english} is required.")
    return str(text).strip()


def new_change(version: int, editor: str, action: str, revisions: pd.DataFrame, note: str, source: str = "",
           rolled_back_to: int | None = None) -> Change:
    """The Change record of `revisions` (refused when they change nothing)."""
    if revisions.empty:
        raise refuse("这次操作不改变任何数字。", "This changes no figure.")
    return Change(version, now_utc(), editor, action, source, **counts(revisions), rolled_back_to=rolled_back_to,
                  note=note)


def change_frame(records: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Change records as a frame in the table's columns, newest first, version and counts as integers."""
    frame = pd.DataFrame(records).reindex(columns=list(CHANGE_COLUMNS))
    for column in ("version", "added", "corrected", "withdrawn"):
        frame[column] = pd.to_numeric(frame[column]).astype("int64")
    frame["rolled_back_to"] = pd.to_numeric(frame["rolled_back_to"].replace("", None)).astype("Int64")
    for column in ("time", "editor", "action", "source", "note"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame.sort_values("version", ascending=False, kind="stable").reset_index(drop=True)


def revision_frame(records: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Revisions in the table's columns, oldest first, version as an integer, the rest text."""
    frame = pd.DataFrame(records).reindex(columns=list(REVISION_COLUMNS))
    frame["version"] = pd.to_numeric(frame["version"]).astype("int64")
    for column in REVISION_COLUMNS[1:]:
        frame[column] = frame[column].fillna("").astype(str)
    return frame.sort_values("version", kind="stable").reset_index(drop=True)


# What a change does to the current tables: (changed tables, its revisions, Change fields: source, …).
Plan = Callable[[dict[str, pd.DataFrame]], tuple[dict[str, pd.DataFrame], pd.DataFrame, dict]]


def apply(tables: dict[str, pd.DataFrame], action: str, editor: str, note: str, plan: Plan,
          version: int) -> tuple[dict[str, pd.DataFrame], Change, pd.DataFrame]:
    """Run `plan` on the current tables (text): the changed tables, the Change and its revisions (with
    `version`); the record tables come back with them added. Shared by every store."""
    changed, revisions, fields = plan(tables)
    if "facts" in changed:
        refuse_duplicates(changed["facts"], set(revisions["fact_id"]))
    record = new_change(version, editor, action, revisions, str(note or "").strip(), **fields)
    revisions = revisions.assign(version=version)
    changed["revisions"] = pd.concat([tables["revisions"], revisions], ignore_index=True)
    changed["changes"] = pd.concat([tables["changes"], pd.DataFrame([record.row()])], ignore_index=True)
    return changed, record, revisions


def version_after(changes: pd.DataFrame, floor: int = 0) -> int:
    versions = pd.to_numeric(changes["version"], errors="coerce").dropna()
    return max([floor, *versions.astype(int)]) + 1


def csv_text(frame: pd.DataFrame) -> str:
    """CSV as data/README.md prescribes: UTF-8, commas, \\n, quoted only when needed, empty for missing."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, na_rep="")
    return buffer.getvalue()
