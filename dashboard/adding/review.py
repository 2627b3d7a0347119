"""The /add page's work, without Streamlit widgets: extract candidates, check the reviewed rows,
build the downloads. Everything a reader adds lives in their own session; nothing is written to
the package on the server (append.check validates in a temporary copy and deletes it).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.adding import append
from dashboard.adding.areas import REGION_COLUMNS
from dashboard.adding.candidates import MAX_LOCATOR, Vocabulary, candidates, source_row
from dashboard.adding.documents import Budget, DocumentError, WorkStopped, read_document
from dashboard.kernel import schema
from dashboard.kernel.i18n import TEXT, t, unit_label
from dashboard.kernel.problems import Problem
from dashboard.kernel.schema import FACT_COLUMNS
from dashboard.storing.package import package_fingerprint
from dashboard.storing.zips import folder_zip

# The review table's stand-in for a blank code: Streamlit draws an empty cell as a grey 'None', which
# a reader takes for a value; '-' is offered under words ('地区待填 / area to fill in') and saved as blank.
BLANK = "-"
CODED = ("indicator", "region", "sector")
# Whether the reviewer keeps a row (only accepted rows are checked and downloaded), and how sure the
# extractor was: first, so a phone shows them before the quote. Least certain rows come first.
ACCEPT = "accept"
REVIEW_ORDER = [ACCEPT, "confidence", "locator", "value", "qualifier", "unit", "indicator", "region", "sector",
                "period_start", "period_end", "part", "why", "note", "fact_id"]
CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}
# The fields `why` speaks of, in the order shown: what is most often wrong first (a phone shows the first few).
WHY_FIELDS = ("indicator", "region", "period", "qualifier", "unit", "value")


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one reviewed row (`row` counts from 1 as the table shows it; None: the source),
    kept as the package's `Problem` or as our own words' key, and said in the page's language."""

    row: int | None
    column: str
    problem: Problem | None = None  # the package's finding
    key: str = ""  # or one of ours: an i18n key and its values
    values: tuple[tuple[str, object], ...] = ()
    located: bool = False  # about the package's own rows: said with the file, row and column it names

    def message(self, lang: str) -> str:
        if self.problem is None:
            return t(self.key, lang, **dict(self.values))
        return self.problem.located(lang) if self.located else self.problem.said(lang)


@st.cache_resource(show_spinner=False, max_entries=2)
def vocabulary(folder: str, fingerprint: tuple) -> Vocabulary:
    """The package's phrasings and area names, read once per version of its files."""
    return Vocabulary.from_package(Path(folder))


def extract(text: str, package: Path, on: date | None, region: str | None, source: str,
            budget: Budget | None = None) -> pd.DataFrame:
    """Candidate rows for the reader to review, least certain first (a new frame: theirs to edit)."""
    words = vocabulary(str(Path(package).parent), package_fingerprint(Path(package)))
    return uncertain_first(candidates(text, words, on, region or None, source, budget))


def uncertain_first(rows: pd.DataFrame) -> pd.DataFrame:
    """Low, then medium, then high confidence (an unknown word counts as low), in text order within each."""
    if "confidence" not in rows:
        return rows
    rank = rows["confidence"].map(CONFIDENCE_RANK).fillna(0)
    return rows.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


def accept_high(rows: pd.DataFrame) -> pd.DataFrame:
    """The review table with every high-confidence row ticked (the others as they were)."""
    return rows.assign(**{ACCEPT: _ticked(rows) | (rows["confidence"] == "high")})


def accepted(rows: pd.DataFrame) -> pd.DataFrame:
    """Only the rows the reviewer accepted: what is checked, downloaded and appended."""
    return rows[_ticked(rows).to_numpy()]


def _ticked(rows: pd.DataFrame) -> pd.Series:
    if ACCEPT not in rows:
        return pd.Series(False, index=rows.index)
    return rows[ACCEPT].map(lambda v: v is True or str(v).strip().lower() == "true").astype(bool)


def read_upload(upload, budget: Budget) -> str:
    """The text of an uploaded file, read once per upload (by its file id), not on every rerun; a refusal
    is kept too, so a crafted file costs its budget once. Raises the DocumentError it was refused with."""
    done = st.session_state.get("add_read")
    if done is None or done[0] != upload.file_id:
        try:
            done = (upload.file_id, read_document(upload.name, upload.getvalue(), budget))
        except WorkStopped:
            raise  # the session ended: nothing to keep
        except DocumentError as error:
            done = (upload.file_id, error)
        st.session_state["add_read"] = done
    if isinstance(done[1], DocumentError):
        raise done[1]
    return done[1]


def source_frame(text: str, fields: dict, region: str | None = None) -> pd.DataFrame:
    return source_row(text, region, **{k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()})


def problems(package: Path, text: str, rows: pd.DataFrame, source: pd.DataFrame,
             regions: pd.DataFrame | None = None) -> list[RowProblem]:
    """Everything that keeps these rows out of the package, by the package's own rules, plus the one
    rule the package cannot check alone: every locator is verbatim in the text it cites."""
    folder = Path(package).parent
    facts = fact_rows(rows)
    found = []
    for index, locator in enumerate(facts["locator"], start=1):
        if locator and locator not in text:
            found.append(RowProblem(index, "locator", key="problem.not_in_text"))
        if len(locator) > MAX_LOCATOR:
            found.append(RowProblem(index, "locator", key="problem.too_long", values=(("n", MAX_LOCATOR),)))
    now = append.current(folder)
    first_fact_line, first_source_line = len(now["facts"]) + 2, len(now["sources"]) + 2
    for problem in append.check(folder, facts, source, now, regions, changed_only=True):  # read_package validated the rest
        if problem.file == "facts.csv" and problem.row is not None and problem.row >= first_fact_line:
            found.append(RowProblem(problem.row - first_fact_line + 1, problem.column or "", problem))
        elif problem.file == "sources.csv" and (problem.row is None or problem.row >= first_source_line):
            found.append(RowProblem(None, problem.column or "", problem))
        else:  # about the package's own rows (e.g. a new fact id clashing with an old one): where it is, too
            found.append(RowProblem(None, problem.column or "", problem, located=True))
    return found


def fact_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The reviewed table in facts.csv's columns, as text (the editor hands back numbers and None)."""
    frame = rows.reindex(columns=list(FACT_COLUMNS)).astype(object).where(rows.notna(), "")
    frame["value"] = [f"{float(v):g}" if _is_number(v) else str(v) for v in frame["value"]]
    frame[list(CODED)] = frame[list(CODED)].replace(BLANK, "")
    return frame.fillna("").astype(str)


def edits(extracted: pd.DataFrame, reviewed: pd.DataFrame) -> int:
    """How many rows the reader changed, added or deleted since extraction (shown, so they see it took)."""
    before, after = extracted.astype(str), reviewed.reindex(columns=extracted.columns).fillna("").astype(str)
    kept = before.index.intersection(after.index)
    changed = int((before.loc[kept] != after.loc[kept]).any(axis=1).sum())
    return changed + len(after.index.difference(before.index)) + len(before.index.difference(after.index))


def updated_zip(package: Path, rows: pd.DataFrame, source: pd.DataFrame, regions: pd.DataFrame | None = None) -> bytes:
    folder = Path(package).parent
    return folder_zip(folder, append.merged(append.current(folder), fact_rows(rows), source, regions))


def proposed_areas(rows: pd.DataFrame, package: Path) -> pd.DataFrame:
    """The regions.csv rows the candidates' areas need (outside the package, with the areas above them),
    each with an `accept` box, unticked: nothing joins the package unchecked."""
    words = vocabulary(str(Path(package).parent), package_fingerprint(Path(package)))
    return words.areas.new_regions(rows["region"]).assign(accept=False)[["accept", *REGION_COLUMNS]]


def accepted_areas(areas: pd.DataFrame | None) -> pd.DataFrame | None:
    """The ticked new areas as regions.csv rows, or None."""
    if areas is None or areas.empty:
        return None
    return areas[areas["accept"].fillna(False).astype(bool)].drop(columns="accept").fillna("").astype(str)


def with_areas(ds, areas: pd.DataFrame | None):
    """The dataset with the proposed areas among its regions: the review table offers and names them."""
    if areas is None or areas.empty:
        return ds
    return ds.with_tables(regions=pd.concat([ds.regions, areas.drop(columns="accept").reindex(columns=ds.regions.columns)],
                                            ignore_index=True).fillna(""))


def area_columns(lang: str) -> dict:
    """The new-areas block's columns: the box to accept and the English name to correct; the rest as proposed."""
    text = st.column_config.TextColumn
    return {"accept": st.column_config.CheckboxColumn(t("add.accept", lang)), "code": text(t("col.region", lang), disabled=True),
            "name_zh": text(t("add.name_zh", lang), required=True), "name_en": text(t("add.name_en", lang), required=True),
            "level": text(t("add.level", lang), disabled=True), "parent": text(t("add.parent", lang), disabled=True)}


def suggested_id(day: date | None) -> str:
    """A source id in the package's pattern until the reader types one."""
    return f"new-{day.isoformat() if day else 'undated'}"


def _choices(package: Path, ds) -> dict[str, list[str]]:
    """What the review table offers in each coded column: the package's own ids and enums."""
    # A blank indicator or area is offered, under words that say so, rather than drawn as 'None'.
    return {"indicator": [BLANK, *ds.indicators["id"]], "region": [BLANK, *ds.regions["code"]],
            "sector": [BLANK, *ds.sectors["id"]],
            **{column: list(values) for column, values in schema.enums("facts", Path(package)).items()}}


def choice_labels(ds, lang: str) -> dict[str, dict[str, str]]:
    """How each code reads in the review table ('立案数 · cases_filed', '约数(约、左右、近)'): ids and
    area codes are shown too (a reviewer meets them in the CSV); the code stays what is saved. A blank
    cell reads as what it is ('地区待填 / area to fill in'), never 'None'."""
    named = lambda frame, key, column, empty: {BLANK: t(empty, lang)} | {k: f"{v} · {k}" for k, v in zip(frame[key], frame[column])}
    return {"indicator": named(ds.indicators, "id", f"label_{lang}", "add.no_indicator"),
            "region": named(ds.regions, "code", f"name_{lang}", "add.no_region"),
            "sector": named(ds.sectors, "id", f"name_{lang}", "add.no_sector"),
            "qualifier": {q: t(f"qualifier.{q}", lang) for q in schema.QUALIFIERS},
            "unit": {u: _unique_label(u, lang) for u in schema.UNITS}}


def _unique_label(unit: str, lang: str) -> str:
    """'件', but '个 · office' where several units share a word (个 counts offices, problems, counties)."""
    label = unit_label(unit, lang)
    shared = sum(unit_label(other, lang) == label for other in schema.UNITS) > 1
    return f"{label} · {unit}" if shared else label


DAY = r"^\d{4}-\d{2}-\d{2}$"


def editor_columns(package: Path, ds, lang: str) -> dict:
    """The review table's columns: coded ones as choices from the package, the rest checked as typed."""
    choices, names = _choices(package, ds), choice_labels(ds, lang)
    select = lambda column, **kw: st.column_config.SelectboxColumn(  # noqa: E731
        t(f"col.{column}", lang), options=choices[column], format_func=lambda code: names[column].get(code, code), **kw)
    text = st.column_config.TextColumn
    return {
        "indicator": select("indicator", required=True), "region": select("region", required=True),
        "sector": select("sector"), "qualifier": select("qualifier", required=True), "unit": select("unit", required=True),
        "period_start": text(t("add.col_start", lang), validate=DAY), "period_end": text(t("add.col_end", lang), validate=DAY),
        "value": text(t("col.value", lang), validate=r"^-?\d+(\.\d+)?$"),
        "locator": text(t("col.locator", lang), max_chars=MAX_LOCATOR), "note": text(t("col.note", lang)),
        "fact_id": text(t("col.fact_id", lang)),
        "confidence": st.column_config.SelectboxColumn(t("add.col_confidence", lang), options=list(CONFIDENCE_RANK),
                                                       format_func=lambda level: t(f"confidence.{level}", lang), disabled=True),
        ACCEPT: st.column_config.CheckboxColumn(t("add.col_accept", lang), default=False),
        "part": text(t("add.col_part", lang), disabled=True), "why": text(t("add.col_why", lang), disabled=True)}


def why_by_field(why: str, ds, lang: str) -> dict[str, str]:
    """One short line per field (WHY_FIELDS) saying what decided it, in `lang`: worded from the extractor's
    record (phrase, figure, period and area found), else its own phrase from `why.fields`."""
    try:
        said = json.loads(why)
    except (TypeError, ValueError):
        said = None
    if not isinstance(said, dict):
        return dict.fromkeys(WHY_FIELDS, "")
    given = said.get("fields") if isinstance(said.get("fields"), dict) else {}
    figure, qualifier = said.get("figure", ""), said.get("qualifier") or "exact"
    phrase = (said.get("phrase") or "").replace("{n}", "…")
    labels = dict(zip(ds.indicators["id"], ds.indicators[f"label_{lang}"]))
    period, area = said.get("period") or {}, said.get("area") or {}
    worded = t(f"qualifier.{qualifier}", lang) if f"qualifier.{qualifier}" in TEXT else qualifier
    indicator = t("whyf.no_phrase", lang)
    if phrase:
        indicator = t("whyf.indicator", lang, phrase=phrase, indicator=labels.get(said.get("indicator"), said.get("indicator", "")))
        if said.get("context"):
            indicator += t("whyf.context", lang, words=("”“" if lang == "zh" else "”, “").join(said["context"]))
    if said.get("stage"):
        indicator += ("；" if lang == "zh" else "; ") + t(f"why.{said['stage']}", lang)
    if said.get("subset"):  # 查处扶贫领域问题…立案37件: the phrasing's indicator, left blank
        indicator += ("；" if lang == "zh" else "; ") + t("whyf.field_subset", lang,
                                                            indicator=labels.get(said["subset"], said["subset"]))
    if isinstance(said.get("part"), dict) and said["part"].get("words"):
        indicator += ("；" if lang == "zh" else "; ") + t("whyf.part", lang, words=said["part"]["words"])
    derived = {
        "value": t("whyf.value", lang, figure=figure),
        "qualifier": t("whyf.exact", lang) if qualifier == "exact" else t("whyf.qualifier", lang, figure=figure, qualifier=worded),
        "unit": t("whyf.unit_phrase", lang, phrase=phrase) if phrase else t("whyf.unit_word", lang, figure=figure),
        "indicator": indicator,
        "region": _worded("whyf.area_", area.get("how"), lang, name=area.get("name", "")),
        "period": _worded("whyf.period_", period.get("how"), lang, words=period.get("words", ""))}
    # The words made here from the record come first: they quote the text as published and exist in both
    # languages; the extractor's own phrase (why.fields, terse and in English) fills a field they leave empty.
    return {field: derived[field] or _said(given.get(field), lang) for field in WHY_FIELDS}


def _worded(prefix: str, how, lang: str, **values) -> str:
    return t(f"{prefix}{how}" if f"{prefix}{how}" in TEXT else f"{prefix}none", lang, **values)


def _said(phrase, lang: str) -> str:
    """The extractor's phrase for a field, as it gives it ({'zh': …, 'en': …}, or text), '' when it does
    not speak the page's language: a phrase in English words ('period phrase 2021年上半年') is for the
    English page; the Chinese page words the field itself rather than show English."""
    if isinstance(phrase, dict):
        phrase = phrase.get(lang) or ""
    if not isinstance(phrase, str) or (lang == "zh" and _LATIN_WORD.search(phrase)):
        return ""
    return phrase.strip().replace("{n}", "…")


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def why_table(rows: pd.DataFrame, ds, lang: str) -> pd.DataFrame:
    """The review table's rows, field by field: what decided each, one short line per cell."""
    lines = [why_by_field(why, ds, lang) for why in rows.get("why", pd.Series([""] * len(rows)))]
    table = pd.DataFrame({t(key, lang): [line[field] for line in lines] for field, key in _WHY_LABEL.items()})
    table.insert(0, t("col.locator", lang), list(rows.get("locator", [""] * len(rows))))
    table.insert(0, t("add.col_row", lang), range(1, len(rows) + 1))
    return table


def for_review(rows: pd.DataFrame, ds, lang: str) -> pd.DataFrame:
    """The candidate rows as the review table shows them: an accept box (unticked), whether a figure
    is part of a total, `why` one line per field for people, in `lang`, and a blank indicator, area or
    clean unit as BLANK (fact_rows saves it blank again)."""
    shown = rows.assign(**{column: rows[column].replace("", BLANK) for column in CODED if column in rows})
    part = rows["part_of_total"] if "part_of_total" in rows else pd.Series("", index=rows.index)
    shown = shown.assign(**{ACCEPT: _ticked(rows)},
                         part=[t("add.part_yes", lang) if str(p).lower() == "true" else "" for p in part])
    if "why" not in rows:
        return shown
    joined, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
    return shown.assign(why=[joined.join(f"{t(_WHY_LABEL[field], lang)}{colon}{line}" for field, line in
                                         why_by_field(why, ds, lang).items() if line) for why in rows["why"]])


_WHY_LABEL = {"indicator": "col.indicator", "region": "col.region", "period": "add.col_period",
              "qualifier": "col.qualifier", "unit": "col.unit", "value": "col.value"}


def missing_translations(fields: dict) -> list[str]:
    """The English fields of the source left blank: optional, shown as missing, fillable later."""
    return [key for key in ("title_en", "publisher_en") if not str(fields.get(key) or "").strip()]


def problems_table(found: list[RowProblem], lang: str) -> pd.DataFrame:
    return pd.DataFrame([(p.row if p.row is not None else t("add.source_row", lang), column_label(p.column, lang, p.row is None),
                          p.message(lang)) for p in found], columns=[t(f"add.col_{c}", lang) for c in ("row", "column", "problem")])


def column_label(column: str, lang: str, of_source: bool = True) -> str:
    """A problem's column as the page labels it ('标题英译 (title_en)'): a source's as step 2 does, a
    row's as the review table does ('地区 (region)'); the code for anything else."""
    keys = (f"add.{column}", f"col.{column}") if of_source else (f"col.{column}", f"add.{column}")
    key = next((k for k in keys if k in TEXT), None)
    return f"{t(key, lang)} ({column})" if key else column


def _is_number(value) -> bool:
    try:
        float(value)
        return str(value).strip() != ""
    except (TypeError, ValueError):
        return False
