"""Which period phrase governs a figure (periods.find_periods finds and dates them): the last one before it in
its paragraph, unless it only names a comparison (比去年同期), or a pair of phrases makes one span (自…至…,
今年以来…截至5月底, 截至12月23日,…去年), or it dates an event rather than the counts after it (2013年2月撤地设市).
"""
from __future__ import annotations

import re

from dashboard.adding.periods import POINT_WORDS, Period

LOOK_BACK = 8  # period phrases looked back over: a text of 200,000 characters is not rescanned per figure
SENTENCE_BREAK = re.compile(r"[。！？!?]")
CLAUSE_BREAK = re.compile(r"[，,；;。！？!?\n]")


def governing(found: list[Period], last: int, start: int, text: str, paragraph_start: int) -> Period | None:
    """The period that governs a figure at `start`, from `found[last]` (the last phrase before it) back:
    a comparison's only within its own clause (较之2023年同期立案47万件); 截至5月底 after 今年以来 closes
    it (1 January to 31 May)."""
    while last >= 0 and found[last].start >= paragraph_start:
        period = found[last]
        if not period.compared or not CLAUSE_BREAK.search(text, period.end, start):
            break
        last -= 1
    else:
        return None
    before = found[last - 1] if last > 0 else None  # 截至2017年10月31日,全国已累计…: 累计 keeps the day said before it
    if period.words in POINT_WORDS and before is not None and before.start >= paragraph_start and not before.compared \
            and before.first is not None and not SENTENCE_BREAK.search(text, before.end, period.start):
        return governing(found, last - 1, start, text, paragraph_start)
    if period.compared and text.startswith("同期", period.end) and period.first:
        return _same_time_in(period, found, last, paragraph_start)
    if closed := _from_to(found, last, text, paragraph_start):
        return closed
    if bounded := _bounded_by_as_of(found, last, text, paragraph_start):
        return bounded
    if period.first is not None and period.first == period.last and period.words.startswith(("截至", "截止")):
        opened = next((found[i] for i in range(last - 1, max(-1, last - 1 - LOOK_BACK), -1)
                       if found[i].start >= paragraph_start and not found[i].compared), None)
        if opened is None and last > 0 and not found[last - 1].compared \
                and not FIGURE_BETWEEN.search(text, found[last - 1].end, period.start):
            opened = found[last - 1]  # 今年以来,…纪委紧盯…。\n截至8月底,全市共立案…: a lead paragraph that counted nothing
        if opened is not None and opened.open_start and opened.first and opened.first <= period.last \
                and len(SENTENCE_BREAK.findall(text, opened.end, period.start)) <= 1:  # its own or the last sentence
            return Period(opened.start, period.end, f"{opened.words}…{period.words}", opened.first, period.last)
    return period


def _bounded_by_as_of(found: list[Period], last: int, text: str, paragraph_start: int) -> Period | None:
    """截至2016年12月23日,福建去年共查处…; 截至7月31日,今年全省…: a year said after a day in its own sentence
    runs from its first day to that day."""
    period, before = found[last], found[last - 1] if last > 0 else None
    if before is None or before.start < paragraph_start or not before.words.startswith(("截至", "截止")) \
            or before.first is None or before.first != before.last or period.first is None or period.last is None \
            or (period.first.month, period.first.day) != (1, 1) or not period.first <= before.last < period.last \
            or SENTENCE_BREAK.search(text, before.end, period.start) or FIGURE_BETWEEN.search(text, before.end, period.start):
        return None
    return Period(before.start, period.end, f"{before.words}…{period.words}", period.first, before.last)


FROM_WORDS, TO_WORDS = ("自", "从"), ("至", "到")
# 从2012年的26.8%下降到2018年4.3%: each year dates its own figure, no range runs from the one to the other
FIGURE_BETWEEN = re.compile(r"\d(?:[%％]|万|亿|个|件|人|起|名)")


def _from_to(found: list[Period], last: int, text: str, paragraph_start: int) -> Period | None:
    """自2010年1月…至2011年底: one period from the first day of the one to the last of the other, when
    both are in one sentence (words may stand between them: a document's title, what began then)."""
    period = found[last]
    if not (text[period.start - 1:period.start] in TO_WORDS or period.words.startswith("到")) or last == 0:
        return None
    opened = found[last - 1]
    opens = text[opened.start - 1:opened.start] in FROM_WORDS \
        or (opened.open_start and text[opened.end:period.start - 1].strip("，, ") == "") \
        or opened.end == period.start - 1  # 十八大以来至2022年10月, 2018年12月至2019年3月
    if opened.compared or opened.start < paragraph_start or not opens \
            or SENTENCE_BREAK.search(text, opened.end, period.start) or FIGURE_BETWEEN.search(text, opened.end, period.start):
        return None
    if opened.first and period.last and opened.first <= period.last:
        return Period(opened.start, period.end, f"{opened.words}…{period.words}", opened.first, period.last)
    return None


def _same_time_in(compared: Period, found: list[Period], last: int, paragraph_start: int) -> Period:
    """2023年同期 after 2024年1-9月: January to September 2023 (`found[last]` is the comparison's)."""
    before = found[:last] if last <= LOOK_BACK else found[last - LOOK_BACK:last]
    base = next((before[i] for i in range(len(before) - 1, max(-1, len(before) - 1 - LOOK_BACK), -1)
                 if before[i].start >= paragraph_start and not before[i].compared and before[i].first), None)
    if base is None:  # 去年同期 with no period said before it: the same time as what, the excerpt does not say
        return Period(compared.start, compared.end + 2, compared.words + "同期", None, None, True)
    shift = compared.first.year - base.last.year
    try:
        first, last = base.first.replace(year=base.first.year + shift), base.last.replace(year=base.last.year + shift)
    except ValueError:  # 29 February
        return compared
    return Period(compared.start, compared.end + 2, compared.words + "同期", first, last, True)


EVENT_WORDS = re.compile(r"设市|设立|成立|挂牌|印发|出台|召开|启动|撤地|撤县")
COMMA = re.compile(r"[，,；;。]")


def dates_an_event(text: str, period: Period | None, start: int) -> bool:
    """Whether a month or day dates an event in its own clause, before the figure's (海东于2013年2月撤地设市,
    辖…94个乡镇): the count stands on the bulletin's date, not the event's."""
    if period is None or period.first is None or (period.last - period.first).days > 31:
        return False
    end = COMMA.search(text, period.end)
    return end is not None and end.start() < start and bool(EVENT_WORDS.search(text, period.end, end.start()))
