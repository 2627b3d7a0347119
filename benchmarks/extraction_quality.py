"""How right the extractor's rows are: `python -m benchmarks.extraction_quality [--split test|dev] [--passages DIR]`.

Each labelled passage of tests/passages (format: its README.md; the test split by default, which
nothing is tuned on) is extracted as a new user would run `python -m dashboard.extract --date
<published> --region <region>` on it: read as a text file (documents.read_document), then
candidates.candidates with the package's vocabulary. Proposed rows are matched to labelled ones by
where the figure is in the text and scored (benchmarks/passages.py): fully right rows, value recall,
per-field accuracy, the share and precision of `high`, verbatim locators, per province and script,
and the worst rows. The section replaces its own part of BENCHMARKS.md (between its markers).
"""
from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path

from benchmarks.passages import FIELDS, Difference, Passage, PassageError, Tally, read_passages, score_passage
from benchmarks.report import replace_block, table, verdict
from dashboard.adding.candidates import Vocabulary, candidates
from dashboard.adding.documents import DocumentError, read_document
from deploy.server import ROOT

BEGIN, END = "<!-- extraction-quality: begin -->", "<!-- extraction-quality: end -->"
# What #26 asks of the test split.
TARGETS = {"fully_right": 0.85, "value_recall": 0.95, "high_share": 0.5, "high_precision": 0.97}


def score(passages: list[Passage], vocabulary: Vocabulary) -> tuple[Tally, dict[str, Tally], list[Difference]]:
    """The whole tally, one per group ('province 330000', 'script traditional') and every difference."""
    total, groups, differences = Tally(), {}, []
    for passage in passages:
        try:
            text = read_document("passage.txt", passage.text.encode("utf-8"))
        except DocumentError as error:  # an unreadable passage proposes nothing: its figures count as missed
            print(f"extraction_quality: passage {passage.id}: {error.en}", file=sys.stderr)
            text = passage.text
        rows = candidates(text, vocabulary, passage.published, passage.region, passage.id)
        tally, found = score_passage(passage, text, rows)
        for key in ("all", f"province {passage.province}", f"script {passage.script}"):
            (total if key == "all" else groups.setdefault(key, Tally())).add(tally)
        differences += found
    return total, dict(sorted(groups.items())), differences


def figures(total: Tally) -> dict[str, float | None]:
    """The headline measures, as shares (None where there is nothing to divide by)."""
    return {"fully_right": total.share("fully_right", "proposed"), "value_recall": total.share("values_found", "labelled"),
            "high_share": total.share("high", "proposed"), "high_precision": total.share("high_right", "high"),
            "not_verbatim": total.not_verbatim}


def section(total: Tally, groups: dict[str, Tally], differences: list[Difference], split: str, source: str,
            worst: int = 15) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    when = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
    measured = figures(total)
    provinces = sum(key.startswith("province ") for key in groups)
    headline = [
        ["rows proposed", str(total.proposed), "", ""], ["labelled rows", str(total.labelled), "", ""],
        _target_row("fully right rows / rows proposed", measured["fully_right"], total.fully_right, total.proposed, "fully_right"),
        _target_row("value recall (labelled figures found with the right value)", measured["value_recall"],
                    total.values_found, total.labelled, "value_recall"),
        _target_row("`high` rows / rows proposed", measured["high_share"], total.high, total.proposed, "high_share"),
        _target_row("fully right `high` rows / `high` rows", measured["high_precision"], total.high_right, total.high,
                    "high_precision"),
        ["locators not verbatim in the text", str(total.not_verbatim), "0", verdict(total.not_verbatim == 0)]]
    per_field = [[f"`{column}`", str(right), str(of), _share(right / of if of else None)]
                 for column, (right, of) in _ordered_fields(total.fields)]
    per_group = [[key, str(g.passages), str(g.proposed), str(g.labelled), _share(g.share("fully_right", "proposed")),
                  _share(g.share("values_found", "labelled")), _share(g.share("high", "proposed")),
                  _share(g.share("high_right", "high"))] for key, g in groups.items()]
    return "\n".join([
        BEGIN, f"## Adding a bulletin: how right the rows are (labelled passages, {split} split)", "",
        f"`python -m benchmarks.extraction_quality --split {split}` on {when}, commit {commit}: {total.passages} "
        f"passages of `{source}` from {provinces} province(s), each extracted as a new user would "
        "(`--date` its date, `--region` its area); a proposed row is matched to a labelled one by where its "
        f"figure is in the text. Fully right: {', '.join(FIELDS)} all right.", "",
        table(["measure", "value", "target", ""], headline), "",
        "### Per field, over matched rows", "",
        table(["field", "right", "of", "share"], per_field) if per_field else "(no row matched a labelled figure)", "",
        "### Per province (GB/T 2260 code) and script", "",
        table(["group", "passages", "proposed", "labelled", "fully right", "value recall", "high share", "high precision"],
              per_group), "",
        f"### The worst rows (up to {worst} of {len(differences)} with a difference)", "",
        table(["passage", "figure", "locator", "what differs (proposed → labelled)"], _worst_rows(differences, worst))
        if differences else "(none)",
        END])


def _target_row(what: str, value: float | None, part: int, whole: int, key: str) -> list[str]:
    target = TARGETS[key]
    return [what, f"{_share(value)} ({part}/{whole})", f"≥ {target:g}", verdict(value is not None and value >= target)]


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ordered_fields(fields: dict) -> list:
    known = [c for c in FIELDS if c in fields]
    return [(c, fields[c]) for c in known + sorted(set(fields) - set(known))]


def _worst_rows(differences: list[Difference], worst: int) -> list[list[str]]:
    ranked = sorted(differences, key=lambda d: -d.weight)[:worst]  # stable: in passage order within a weight
    cell = lambda text: str(text).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    return [[cell(d.passage), cell(d.figure), cell(d.locator),
             "; ".join(f"{column}: {cell(got)} → {cell(want)}" if column != "row" else f"{want}" for column, got, want in d.wrong)]
            for d in ranked]


PASSAGES = ROOT / "tests" / "passages"


def report(folder: Path, split: str, log=print, worst: int = 15) -> tuple[str, tuple] | None:
    """The section for `folder`'s split and what it was made from (score's three), or None (said to
    `log`) when its passages are absent or unreadable."""
    path = Path(folder) / f"{split}.jsonl"
    try:
        passages = read_passages(path)
    except PassageError as error:
        log(f"extraction_quality: {error}")
        return None
    if not passages:
        log(f"extraction_quality: {path} holds no passages: nothing to score")
        return None
    scored = score(passages, Vocabulary.from_package(ROOT / "data"))
    shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
    return section(*scored, split, str(shown), worst), scored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    parser.add_argument("--passages", type=Path, default=PASSAGES, help="folder of dev.jsonl, test.jsonl")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md", help="the file whose section to replace")
    parser.add_argument("--json", type=Path, help="also write the measures and counts here, as JSON")
    parser.add_argument("--worst", type=int, default=15, help="how many of the worst rows to list")
    args = parser.parse_args(argv)
    done = report(args.passages, args.split, lambda text: print(text, file=sys.stderr), args.worst)
    if done is None:
        return 2
    result, (total, groups, differences) = done
    replace_block(args.output, BEGIN, END, result)
    if args.json:
        args.json.write_text(json.dumps({"figures": figures(total), "total": vars(total),
                                         "groups": {k: vars(v) for k, v in groups.items()},
                                         "differences": [vars(d) | {"wrong": [list(w) for w in d.wrong]} for d in differences]},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
