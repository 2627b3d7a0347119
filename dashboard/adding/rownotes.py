"""The note and the id of a candidate row, in the package's forms (data/README.md: "原文…", "截至报道日";
facts.csv's id pattern indicator-area-start[-end][-sector])."""
from __future__ import annotations

from dashboard.adding.numerals import Mention
from dashboard.adding.periods import POINT_WORDS, Period


def row_note(text: str, mention: Mention, period: Period | None, start: str, end: str) -> str:
    """The row's note in the package's form, '中文 / English' (reading/labels.in_language shows one half):
    '原文62万件;截至报道日 / As published: '62万件'; as of report date'."""
    zh, en = [], []
    number = text[mention.number_start:mention.number_end]
    if number.endswith(("万", "亿")):
        published = text[mention.number_start:mention.end]
        zh.append(f"原文{published}")
        en.append(f"As published: '{published}'")
    if start and start == end and (period is None or period.first == period.last):
        as_of = period is None or period.words in POINT_WORDS
        zh.append("截至报道日" if as_of else f"截至{start}")
        en.append(("as of report date" if as_of else f"as of {start}") if en else ("As of report date" if as_of else f"As of {start}"))
    return f"{';'.join(zh)} / {'; '.join(en)}" if zh else ""


def fact_id(indicator: str, area: str, start: str, end: str, sector: str, taken: set[str],
             numbered: dict[str, int] | None = None) -> str:
    """The package's id pattern: indicator-area-start[-end][-sector], numbered on a clash (`numbered`
    remembers each base's last number, so a thousand clashes are not counted up from 2 each time)."""
    base = "-".join(filter(None, [(indicator or "candidate").replace("_", "-"), area, start,
                                  end if end != start else "", sector]))
    numbered = {} if numbered is None else numbered
    fact_id, n = base, numbered.get(base, 2)
    while fact_id in taken:
        fact_id, n = f"{base}-{n}", n + 1
    numbered[base] = n
    taken.add(fact_id)
    return fact_id
