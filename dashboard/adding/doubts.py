"""Doubts read from the text around a `high` row after the rows are made: cues a reviewer would stop at
though every field was found by strong evidence. Each turns `high` into `medium`, never changes a field.

- a period phrase that starts or ends a span whose other end the extractor could not read (自去年…事故发生
  以来, 从十八大至11月4日为止): the phrase alone dates the figure wrongly;
- an average over years (年均减贫超过100万人): its span is seldom the phrase nearby;
- a total restricted to a level or to some organs (立案侦查乡科级及以下干部案件…处分21307人, 基层16个监察员
  办公室共立案59件): the indicator's phrasing counts the subset, not the area's whole (offices and their staff
  counted are no such subset);
- an area named above the one the bulletin speaks for (宁波市公布…名单, 我市…3家企业 in a 慈溪 bulletin;
  金华市标准型清廉国企2家 in a 东阳 one): the name may title a list or an award, not the counted area.
Each looks at most a sentence (REACH characters) around its row: linear in the text.
"""
from __future__ import annotations

import json
import re

from dashboard.adding.confidence import STOCKS

REACH = 200
SENTENCE_START = re.compile(r"[。！？!?\n]")
# 自去年…以来: the phrase starts a span ended by an event the extractor does not date.
SINCE_AFTER = re.compile(r"^[^。！？!?\n]{2,40}?以来")
# 从…至11月4日为止, 至11月4日: the phrase ends a span whose start is elsewhere.
UNTIL = re.compile(r"(?:至|到)$")
AVERAGE = re.compile(r"年均|平均每年|每年平均")
SUBSET = re.compile(r"(?:乡科级|县处级|科级)(?:及)?以下|基层|办公室|监察室")


def _sentence_before(text: str, at: int) -> str:
    window = text[max(0, at - REACH):at]
    ends = [m.end() for m in SENTENCE_START.finditer(window)]
    return window[ends[-1]:] if ends else window


def _above_given(region: str, given: str | None) -> bool:
    """Whether `region` is a strict ancestor of `given` (a city's code over one of its counties')."""
    if not given or not region or region == given or len(region) != 6 or len(given) != 6:
        return False
    prefix = region[:2] if region.endswith("0000") else region[:4] if region.endswith("00") else region
    return region != "100000" and given.startswith(prefix) and prefix != region


def _period_unsure(text: str, words: str, at: int) -> bool:
    if not words or "…" in words:
        return False
    found = text.rfind(words, max(0, at - REACH), at)
    if found < 0:
        return False
    after = found + len(words)
    return bool(SINCE_AFTER.match(text[after:min(len(text), after + 42)]) and "以来" not in words) \
        or bool(UNTIL.search(text[max(0, found - 1):found]))


def doubted(text: str, why: dict, region: str, indicator: str, given: str | None) -> bool:
    """Whether a row (its `why` JSON, region and indicator) meets one of the module's doubts."""
    at = (why.get("at") or [0])[0]
    before = _sentence_before(text, at)
    period = why.get("period") or {}
    area = why.get("area") or {}
    return (period.get("how") == "stated" and _period_unsure(text, str(period.get("words", "")), at)) \
        or bool(AVERAGE.search(before)) or (bool(indicator) and indicator not in STOCKS and bool(SUBSET.search(before))) \
        or (area.get("how") == "named" and _above_given(region, given))


def with_doubts(rows, text: str, given: str | None):
    """`rows` (candidates' frame, `text` simplified) with the doubted `high` rows made `medium`."""
    sure = rows["confidence"].tolist()
    for i, (level, why, region, indicator) in enumerate(zip(sure, rows["why"], rows["region"], rows["indicator"])):
        if level == "high" and doubted(text, json.loads(why), region, indicator, given):
            sure[i] = "medium"
    rows["confidence"] = sure
    return rows
