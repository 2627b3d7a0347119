"""The labelled passages of tests/passages (format: tests/passages/README.md), read and checked, and how
the extractor's rows are scored against them: pure functions, no extractor and no file writing here
(benchmarks/extraction_quality.py runs the extractor and writes the report).

A proposed row is matched to a labelled one by where its figure is in the text: the labelled figure
sits where its locator is, plus where the figure is inside the locator; the proposed figure where
the extractor says it found it (`why.at`, or, from an extractor that does not say, where its
locator is plus where the figure as written is inside it). Each labelled figure takes at most one
proposed row, the one whose figure overlaps it and starts nearest.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

# A row is fully right when all of these are; part_of_total is scored too once the extractor proposes it.
FIELDS = ("value", "qualifier", "unit", "indicator", "region", "period_start", "period_end")
EXTRA_FIELDS = ("part_of_total",)
SCRIPTS = ("simplified", "traditional")
PASSAGE_KEYS = ("id", "province", "published", "region", "script", "text", "rows")
ROW_KEYS = ("figure", "locator", "value", "qualifier", "unit", "indicator", "region", "period_start", "period_end")


class PassageError(ValueError):
    """A passage file that cannot be scored: the message names the file, line and key."""


@dataclass(frozen=True)
class Passage:
    id: str
    province: str
    published: date
    region: str
    script: str
    text: str
    rows: tuple[dict, ...]


def read_passages(path: Path) -> list[Passage]:
    """Every passage of a .jsonl file, checked; raises PassageError naming the line and key at fault."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise PassageError(f"{path}: cannot be read ({error})") from error
    passages, seen = [], set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{Path(path).name} line {number}"
        try:
            item = json.loads(line)
        except ValueError as error:
            raise PassageError(f"{where}: not a JSON object ({error})") from error
        passage = _passage(item, where)
        if passage.id in seen:
            raise PassageError(f"{where}: id {passage.id!r} repeats an earlier passage's")
        seen.add(passage.id)
        passages.append(passage)
    return passages


def _passage(item, where: str) -> Passage:
    if not isinstance(item, dict):
        raise PassageError(f"{where}: not a JSON object")
    missing = [key for key in PASSAGE_KEYS if key not in item]
    if missing:
        raise PassageError(f"{where}: missing key(s) {', '.join(missing)}")
    if not isinstance(item["text"], str) or not item["text"].strip():
        raise PassageError(f"{where}: key text: not a non-empty string")
    if item["script"] not in SCRIPTS:
        raise PassageError(f"{where}: key script: {item['script']!r} is not one of {', '.join(SCRIPTS)}")
    try:
        published = date.fromisoformat(str(item["published"]))
    except ValueError as error:
        raise PassageError(f"{where}: key published: {item['published']!r} is not a YYYY-MM-DD date") from error
    if not isinstance(item["rows"], list):
        raise PassageError(f"{where}: key rows: not a list")
    for index, row in enumerate(item["rows"], start=1):
        _check_row(row, item["text"], f"{where}, row {index}")
    return Passage(str(item["id"]), str(item["province"]), published, str(item["region"]), item["script"],
                   item["text"], tuple(item["rows"]))


def _check_row(row, text: str, where: str) -> None:
    if not isinstance(row, dict):
        raise PassageError(f"{where}: not a JSON object")
    missing = [key for key in ROW_KEYS if key not in row]
    if missing:
        raise PassageError(f"{where}: missing key(s) {', '.join(missing)}")
    locator, figure = str(row["locator"]), str(row["figure"])
    if locator not in text:
        raise PassageError(f"{where}: key locator: {locator!r} is not verbatim in the text")
    if figure not in locator:
        raise PassageError(f"{where}: key figure: {figure!r} is not inside its locator {locator!r}")
    if _number(row["value"]) is None:
        raise PassageError(f"{where}: key value: {row['value']!r} is not a number")


def label_span(text: str, row: dict) -> tuple[int, int] | None:
    """Where a labelled figure is: its locator's place in the text plus the figure's place in the locator
    (the one its measure word follows when the figure is there twice: '46' of 人 in '46件46人')."""
    locator, figure, word = str(row["locator"]), str(row["figure"]), str(row.get("unit_word") or "")
    at, inner = text.find(locator), locator.find(figure)
    if inner >= 0 and word and locator.count(figure) > 1 and locator.find(figure + word) >= 0:
        inner = locator.find(figure + word)
    return None if at < 0 or inner < 0 else (at + inner, at + inner + len(figure))


def proposal_span(text: str, row: dict) -> tuple[int, int] | None:
    """Where the extractor found a proposed row's figure: `why.at`, else its locator and `why.figure`."""
    try:
        why = json.loads(row.get("why") or "{}")
    except ValueError:
        why = {}
    at = why.get("at") if isinstance(why, dict) else None
    if isinstance(at, list) and len(at) == 2 and all(isinstance(x, int) for x in at):
        return at[0], at[1]
    locator, figure = str(row.get("locator", "")), str(why.get("figure", "")) if isinstance(why, dict) else ""
    start = text.find(locator) if locator else -1
    if start < 0:
        return None
    inner = locator.find(figure) if figure else -1
    return (start + inner, start + inner + len(figure)) if inner >= 0 else (start, start + len(locator))


def match(labels: list[tuple[int, int] | None], proposals: list[tuple[int, int] | None]) -> dict[int, int]:
    """Labelled index → proposed index, one to one: spans that overlap, the nearest starts first."""
    pairs = sorted((abs(l[0] - p[0]), i, j) for i, l in enumerate(labels) if l for j, p in enumerate(proposals)
                   if p and p[0] < l[1] and l[0] < p[1])
    taken_l, taken_p, matched = set(), set(), {}
    for _, i, j in pairs:
        if i not in taken_l and j not in taken_p:
            matched[i] = j
            taken_l.add(i)
            taken_p.add(j)
    return matched


def same(column: str, labelled, proposed) -> bool:
    """Whether a proposed cell (text, as the extractor writes it) says what the label says."""
    if column == "value":
        a, b = _number(labelled), _number(proposed)
        return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a))
    if column == "part_of_total":
        return str(bool(labelled)).lower() == str(proposed).strip().lower()
    return ("" if labelled is None else str(labelled)) == ("" if proposed is None else str(proposed))


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


@dataclass
class Tally:
    """Counts for one group of passages (all, one province, one script)."""

    passages: int = 0
    proposed: int = 0
    labelled: int = 0
    matched: int = 0
    fully_right: int = 0
    values_found: int = 0
    high: int = 0
    high_right: int = 0
    not_verbatim: int = 0
    fields: dict = field(default_factory=dict)  # column → [right, scored]

    def add(self, other: Tally) -> None:
        for name in ("passages", "proposed", "labelled", "matched", "fully_right", "values_found", "high",
                     "high_right", "not_verbatim"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for column, (right, scored) in other.fields.items():
            now = self.fields.setdefault(column, [0, 0])
            now[0], now[1] = now[0] + right, now[1] + scored

    def share(self, part: str, whole: str) -> float | None:
        return getattr(self, part) / getattr(self, whole) if getattr(self, whole) else None


@dataclass(frozen=True)
class Difference:
    """A proposed row that is not fully right, or a labelled figure no row found, and what differs."""

    passage: str
    figure: str
    locator: str
    wrong: tuple[tuple[str, str, str], ...]  # (column, proposed, labelled); ('row', …) for extra or missed

    @property
    def weight(self) -> int:
        return len(FIELDS) + 1 if self.wrong and self.wrong[0][0] == "row" else len(self.wrong)


def score_passage(passage: Passage, read_text: str, rows: pd.DataFrame) -> tuple[Tally, list[Difference]]:
    """The tally and differences of one passage: `rows` are the extractor's, from `read_text` (the
    passage's text as the extractor read it; locators are checked against the text as published)."""
    proposed = rows.to_dict("records")
    labels = [label_span(read_text, row) or label_span(passage.text, row) for row in passage.rows]
    matched = match(labels, [proposal_span(read_text, row) for row in proposed])
    by_proposal = {j: i for i, j in matched.items()}
    tally = Tally(passages=1, proposed=len(proposed), labelled=len(passage.rows), matched=len(matched))
    differences = []
    scored = FIELDS + tuple(c for c in EXTRA_FIELDS if c in rows.columns)
    for j, row in enumerate(proposed):
        tally.not_verbatim += str(row.get("locator", "")) not in passage.text
        high = str(row.get("confidence", "")) == "high"
        tally.high += high
        figure = _figure(row)
        if j not in by_proposal:
            differences.append(Difference(passage.id, figure, str(row.get("locator", "")),
                                          (("row", "proposed", "no labelled figure here"),)))
            continue
        label = passage.rows[by_proposal[j]]
        wrong = []
        for column in scored:
            if column not in label:
                continue
            right = same(column, label[column], row.get(column, ""))
            counts = tally.fields.setdefault(column, [0, 0])
            counts[0], counts[1] = counts[0] + right, counts[1] + 1
            if not right:
                wrong.append((column, str(row.get(column, "")), _said(label[column])))
        core_right = not [w for w in wrong if w[0] in FIELDS]
        tally.fully_right += core_right
        tally.high_right += high and core_right
        tally.values_found += same("value", label["value"], row.get("value", ""))
        if wrong:
            differences.append(Difference(passage.id, figure, str(row.get("locator", "")), tuple(wrong)))
    for i, label in enumerate(passage.rows):
        if i not in matched:
            differences.append(Difference(passage.id, str(label["figure"]), str(label["locator"]),
                                          (("row", "none", "labelled figure not found"),)))
    return tally, differences


def _figure(row: dict) -> str:
    try:
        return str(json.loads(row.get("why") or "{}").get("figure", "")) or str(row.get("value", ""))
    except (ValueError, AttributeError):
        return str(row.get("value", ""))


def _said(value) -> str:
    if value is None:
        return "(none)"
    return str(value).lower() if isinstance(value, bool) else str(value)
