"""Both scripts: a bulletin in traditional characters is read as its simplified twin, and quoted as
published. OpenCC converts (the `opencc` wheel on PyPI: the OpenCC project's own binding, 1.4, with
its dictionaries inside, so nothing is fetched at run time; `opencc-python-reimplemented` has not
been released since 2023). The simplified text has exactly the published text's length, character
for character, so a span found in one is the same span in the other: every locator is cut from the
text as published.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import opencc
import pandas as pd

# A character in a Traditional-only or shared CJK block that OpenCC would change: cheap to find none.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` in simplified characters, of the same length. OpenCC converts phrases; where a phrase
    changes length, each character is converted alone (one for one) and kept if it stays one."""
    if not _HAN.search(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _converter().convert(ch)) == 1 else ch for ch in text)


# A pinyin gloss some reprint sites put after a character (規(guī)定, 紀(jì)委): not the bulletin's words, and it
# breaks them apart (八项规定 would read as a count of 八项), so the extractor reads the text without them.
GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")


def reading(published: str) -> tuple[str, list[int] | None]:
    """What the extractor reads: `published` in simplified characters without pinyin glosses, and where each of
    its characters stands in `published` (None when they stand where they are: no gloss was taken out)."""
    text = simplified(published)
    dropped = {j for m in GLOSS.finditer(text) for j in range(m.start(), m.end())}
    if not dropped:
        return text, None
    kept = [i for i in range(len(text)) if i not in dropped]
    return "".join(text[i] for i in kept), kept + [len(text)]


def as_published(rows: pd.DataFrame, read: str, published: str, origin: list[int] | None = None,
                 max_locator: int = 30) -> pd.DataFrame:
    """The rows with each locator, and the 原文 figure in each note, quoted from `published` where the
    extractor read its simplified twin `read`: the same span, found in order of the rows. With `origin`
    (reading's map, glosses taken out) a span is mapped back, glosses included; a quote that grows past
    `max_locator` so is cut to the figure as published, and `why.at` is moved to where the figure is."""
    if (read == published and origin is None) or rows.empty:
        return rows
    rows = rows.copy()
    previous = -1
    locators = []
    for row, locator in enumerate(rows["locator"]):
        at = _nearest(read, locator, previous)
        locators.append(_span(published, origin, at, at + len(locator)) if at >= 0 else locator)
        previous = max(at, previous)
        if origin is not None and len(locators[-1]) > max_locator:  # the glosses made it long: the figure alone
            locators[-1] = _span(published, origin, *json.loads(rows["why"].iat[row])["at"])
    rows["locator"] = locators
    rows["note"] = [_published_note(note, read, published, origin) for note in rows["note"]]
    if origin is not None:
        rows["why"] = [_published_at(why, origin) for why in rows["why"]]
    return rows


def _span(published: str, origin: list[int] | None, start: int, end: int) -> str:
    return published[start:end] if origin is None else published[origin[start]:origin[end - 1] + 1]


def _published_at(why: str, origin: list[int]) -> str:
    said = json.loads(why)
    start, end = said["at"]
    said["at"] = [origin[start], origin[end - 1] + 1]
    return json.dumps(said, ensure_ascii=False, separators=(",", ":"))


def _nearest(text: str, part: str, previous: int) -> int:
    """Where `part` is in `text`: after the previous row's quote (rows come in the text's order), else
    shortly before it (a quote may begin before the last one did), else anywhere."""
    if not part:
        return -1
    for start in (previous + 1, max(previous - 60, 0), 0):
        at = text.find(part, start)
        if at >= 0:
            return at
    return -1


def _published_note(note: str, read: str, published: str, origin: list[int] | None = None) -> str:
    """'原文41.3万件 / As published: '41.3万件'' with the figure as published (41.3萬件)."""
    found = re.match(r"原文(.+?)(?:;|$| /)", note)
    if not found:
        return note
    figure = found.group(1)
    at = read.find(figure)
    return note.replace(figure, _span(published, origin, at, at + len(figure))) if at >= 0 else note
