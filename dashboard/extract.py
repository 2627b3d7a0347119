"""Candidate rows from a bulletin, and reviewed rows into the package, from the command line.

    python -m dashboard.extract --date 2018-12-23 --source zs-2018-qinglian bulletin.txt > rows.csv
    python -m dashboard.extract --append data/ rows.csv --source-row source.csv [--region-rows regions.csv]

The first prints candidates as CSV (the columns of data/facts.csv plus `confidence`, `part_of_total`
and `why`, what was matched, as JSON, with a phrase per field under "fields");
with --title etc. and --source-row FILE it also writes the source's retrieval record (URL,
publisher, date, when read, SHA-256 of the text). Review and edit rows.csv, delete what is wrong,
then the second adds it to the package: all or nothing (see dashboard/append.py). A figure whose area is
not in the package's regions.csv still gets its GB/T 2260 code (data/gazetteer.csv); with --region-rows FILE
the first writes the regions.csv rows it would need (with the areas above it), and the second adds the
rows left in FILE with the facts.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.adding import append
from dashboard.adding.candidates import Vocabulary, candidates, source_row
from dashboard.adding.documents import DocumentError, read_document
from dashboard.kernel.schema import FACT_COLUMNS, SOURCE_KINDS
from dashboard.kernel.settings import package_path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    folder = Path(args.package or package_path()).parent if not args.append else Path(args.append)
    if args.append:
        return _append(folder, args)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = read_document(args.file, data)
    except OSError as error:
        print(f"extract: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except DocumentError as error:
        print(f"extract: {args.file}: {error.en}", file=sys.stderr)
        return 2
    vocabulary = Vocabulary.from_package(folder)
    rows = candidates(text, vocabulary, args.date, args.region, args.source or "")
    rows.to_csv(sys.stdout, index=False, lineterminator="\n")
    new_regions = vocabulary.areas.new_regions(rows["region"])
    if args.region_rows:
        new_regions.to_csv(args.region_rows, index=False, lineterminator="\n")
    elif len(new_regions):
        print(f"extract: {len(new_regions)} area(s) not in the package's regions.csv "
              f"({', '.join(new_regions['name_zh'])}): --region-rows FILE writes their rows to review", file=sys.stderr)
    if args.source_row:
        source = source_row(text, args.region, id=args.source or "", title=args.title, title_en=args.title_en,
                            publisher=args.publisher, publisher_en=args.publisher_en,
                            date=args.date.isoformat() if args.date else "", url=args.url, kind=args.kind,
                            note=args.note)
        source.to_csv(args.source_row, index=False, lineterminator="\n")
    return 0


def _append(folder: Path, args) -> int:
    try:
        facts = pd.read_csv(args.file if args.file != "-" else sys.stdin, dtype=str, keep_default_na=False)
        sources = (pd.read_csv(args.source_row, dtype=str, keep_default_na=False) if args.source_row else None)
        regions = (pd.read_csv(args.region_rows, dtype=str, keep_default_na=False) if args.region_rows else None)
    except (OSError, ValueError, pd.errors.ParserError) as error:
        print(f"extract: cannot read the reviewed rows: {error}", file=sys.stderr)
        return 2
    problems = append.append(folder, facts.reindex(columns=list(FACT_COLUMNS)).fillna(""), sources, regions)
    if problems:
        print(f"extract: nothing was written; {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    print(f"extract: added {len(facts)} fact(s) to {folder}"
          + (f" and {len(regions)} region(s)" if regions is not None and len(regions) else ""), file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", metavar="FILE", help="the bulletin (.txt, .html, .docx, .pdf; - for standard "
                                                     "input), or with --append the reviewed rows as CSV")
    parser.add_argument("--date", type=date.fromisoformat, help="the bulletin's date, YYYY-MM-DD: resolves 今年, 截至目前 …")
    parser.add_argument("--region", help="area code for figures whose area the text does not name (e.g. 330900)")
    parser.add_argument("--source", help="the source id the rows cite (sources.csv)")
    parser.add_argument("--package", help="datapackage.json whose phrasings and areas to use (default: data/)")
    parser.add_argument("--append", metavar="FOLDER", help="add the reviewed rows in FILE to the package in FOLDER")
    parser.add_argument("--source-row", metavar="CSV", help="write (or, with --append, read) the source's row")
    parser.add_argument("--region-rows", metavar="CSV", help="write (or, with --append, read) the new regions.csv "
                                                             "rows for areas outside the package")
    for name in ("title", "title-en", "publisher", "publisher-en", "url", "note"):
        parser.add_argument(f"--{name}", default="")
    parser.add_argument("--kind", default="report", choices=SOURCE_KINDS)
    return parser


if __name__ == "__main__":
    sys.exit(main())
