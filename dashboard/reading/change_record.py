"""The change record as readers see it: each version (when, who, what was added, corrected or withdrawn,
with links to the figures and the source) and one figure's history. Pure: the dataset's `changes` and
`revisions` frames (storing/changes.py writes them) in, words and relative links out; no Streamlit.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from dashboard.kernel.i18n import t
from dashboard.kernel.model import Dataset
from dashboard.reading.urls import RELATIVE

MAX_FIGURES_LISTED = 50  # per version: a big publish lists its first figures, then says how many more


@dataclass(frozen=True)
class VersionEntry:
    version: int
    title: str  # 第 3 版 · 更正
    when_by: str  # 2026-12-07 04:31 UTC · editor@example.org
    counts: str  # 新增 3,更正 0,撤下 0
    rolled_back_to: str  # '' or 回滚到第 1 版
    source: str  # the source's title in the page's language, '' for none
    source_url: str  # its address when it has one
    note: str
    figures: tuple[tuple[str, str], ...]  # (what happened · fact id, relative link to the figure's page)
    more: int  # figures not listed


def when(time: str) -> str:
    """'2026-12-07T04:31:05Z' → '2026-12-07 04:31 UTC' (the same in both languages: a date as data)."""
    stamp = pd.to_datetime(time, utc=True, errors="coerce")
    return str(time) if pd.isna(stamp) else stamp.strftime("%Y-%m-%d %H:%M UTC")


def version_entries(ds: Dataset, lang: str) -> tuple[VersionEntry, ...]:
    """Every version on record, newest first."""
    sources = ds.sources.set_index("id") if len(ds.sources) else pd.DataFrame()
    entries = []
    for change in ds.changes.itertuples():
        revised = ds.revisions[ds.revisions["version"] == change.version].drop_duplicates(["fact_id", "action"])
        figures = tuple((f"{t(f'revision.{r.action}', lang)} · {r.fact_id}", RELATIVE.figure(r.fact_id, lang))
                        for r in revised.head(MAX_FIGURES_LISTED).itertuples())
        title, url = "", ""
        if change.source and change.source in sources.index:
            row = sources.loc[change.source]
            title = (row["title_en"] if lang == "en" and row["title_en"] else row["title"]) or change.source
            url = row["url"] if str(row["url"]).startswith(("https://", "http://")) else ""
        elif change.source:
            title = change.source
        back = "" if pd.isna(change.rolled_back_to) else t("changes.rolled_back_to", lang, version=int(change.rolled_back_to))
        entries.append(VersionEntry(
            int(change.version), f"{t('changes.version', lang, version=int(change.version))} · {t(f'action.{change.action}', lang)}",
            t("changes.by", lang, time=when(change.time), editor=change.editor),
            t("changes.counts", lang, added=change.added, corrected=change.corrected, withdrawn=change.withdrawn),
            back, title, url, change.note, figures, max(0, len(revised) - MAX_FIGURES_LISTED)))
    return tuple(entries)


def change_table(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A change log (ledger.change_frame's columns) as a table in the page's language (the editor's versions page)."""
    back = [t("changes.rolled_back_to", lang, version=int(v)) if not pd.isna(v) else "" for v in log["rolled_back_to"]]
    return pd.DataFrame({
        t("col.version", lang): log["version"].astype(int), t("col.time", lang): [when(v) for v in log["time"]],
        t("col.editor", lang): log["editor"], t("col.action", lang): [t(f"action.{a}", lang) for a in log["action"]],
        t("changes.note", lang): log["note"], t("revision.added", lang): log["added"].astype(int),
        t("revision.corrected", lang): log["corrected"].astype(int), t("revision.withdrawn", lang): log["withdrawn"].astype(int),
        t("action.rollback", lang): back, t("changes.source", lang): log["source"]})


def shown(cell: str) -> str:
    """A revision's old or new value as a reader reads it: a whole row (an added or withdrawn figure, kept as
    JSON in revisions.csv) shows its value; a field's value shows as it is."""
    if not cell.startswith("{"):
        return cell
    try:
        row = json.loads(cell)
    except ValueError:
        return cell
    return str(row.get("value", cell)) if isinstance(row, dict) else cell


def figure_history(ds: Dataset, fact_id: str, lang: str) -> pd.DataFrame:
    """One figure's revisions, oldest first, as a table in the page's language (no rows: no history)."""
    rows = ds.revisions[ds.revisions["fact_id"] == fact_id]
    times = ds.changes.set_index("version")["time"] if len(ds.changes) else pd.Series(dtype=str)
    table = pd.DataFrame({
        t("col.version", lang): rows["version"].astype(int),
        t("col.time", lang): [when(times.get(v, "")) for v in rows["version"]],
        t("col.action", lang): [t(f"revision.{a}", lang) for a in rows["action"]],
        t("col.field", lang): [field or ("value" if old.startswith("{") or new.startswith("{") else "")
                               for field, old, new in zip(rows["field"], rows["old_value"], rows["new_value"])],
        t("col.old", lang): [shown(v) for v in rows["old_value"]],
        t("col.new", lang): [shown(v) for v in rows["new_value"]], t("col.reason", lang): rows["reason"]})
    return table.reset_index(drop=True)


def history_lines(ds: Dataset, fact_id: str, lang: str) -> tuple[str, ...]:
    """The history as sentences, one per revision: a list reads at a phone's width, where a table is cut."""
    table = figure_history(ds, fact_id, lang)
    return tuple(t("figure.history_line", lang, version=row[0], time=row[1], action=row[2], field=row[3] or "",
                   old=row[4] or "—", new=row[5] or "—", reason=row[6] or "—") for row in table.itertuples(index=False))


def is_withdrawn(ds: Dataset, fact_id: str) -> bool:
    """Whether this id was a figure once and is withdrawn now (its last values are in its history)."""
    rows = ds.revisions[ds.revisions["fact_id"] == fact_id]
    return not rows.empty and rows.iloc[-1]["action"] == "withdrawn"
