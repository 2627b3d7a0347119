"""Locators that name what is counted: the shortest verbatim quote (≤ 30 characters) that holds the
figure and its noun, unique in the text.

「派出监察办公室39个」, not 「39个」; 「463名党员干部」, not 「463名」: where a general measure word (个, 名, 家)
leaves the noun to follow, the noun is quoted after the figure; where the noun comes first
(其他人员15731人), the words before it are, back to the clause's start. Pure functions over the text.
"""
from __future__ import annotations

from dashboard.adding.numerals import Mention

MAX_LOCATOR = 30
LOCATOR_STOP = "，,;；：:、（）()。！？!?\n“”‘’「」《》\""
# Measure words that say nothing of what is counted: the noun follows them (13个省委巡视组).
GENERAL_MEASURES = ("个", "名", "家", "项", "条", "位", "所", "批", "类", "场", "期", "座", "支")
# Where a noun after the figure ends: a stop, or a word that starts what is said of it (被, 已, 的 …).
NOUN_ENDS = ("进行", "开展", "被", "已", "的", "和", "及", "与", "将", "均", "都", "全部", "共", "在", "对", "为", "是",
             "建立", "设立", "实现", "受到", "接受", "存在", "发现")  # verbs that begin what is said of it
AMONG = "中"  # 5101人中, : "among" ends the noun before a stop; 中央企业 goes on
MAX_NOUN, MAX_BEFORE = 8, 12
MEASURE_CHARS = "件起人名个家项条位次"
# A quote cut at MAX_BEFORE begins after these rather than inside a word (业等其他人员 → 其他人员).
WORD_JOINS = "等和与"
# Uniqueness is checked over at most this many characters around the figure: a quote must be found
# once in a bulletin, and a 200,000-character paste is not searched whole for each of its figures.
UNIQUE_WINDOW = 1_500


def locator(text: str, mention: Mention, span: tuple[int, int], sentence: tuple[int, int]) -> str:
    """The phrase's span (a phrasing fit the words around the figure); with no phrase, the figure and its
    noun after it, else the words before it back to the clause's start; longer until it is unique."""
    start, end = span
    if start < mention.start and not _names_a_noun(text[start:mention.start]):
        start = _words_before(text, start, end, sentence[0])  # 起28人 (after 立案28起) says nothing: 监察立案28起28人
    elif (start, end) == (mention.start, mention.end):
        noun_end = _noun_after(text, mention, sentence[1])
        if noun_end > end:
            end = noun_end
        else:
            start = _words_before(text, start, end, sentence[0])
    if end <= mention.end and not _names_a_noun(text[start:mention.start]):  # 件14100余人: back to the clause's start, within 30
        start = max(start - (MAX_LOCATOR - (end - start)), _clause_start(text, start, sentence[0]))
    while start < mention.start and _in_number(text, start):
        start += 1  # never begin inside another figure ("600余件14100余人" from "2600余件14100余人")
    start = _unique_start(text, start, end, sentence[0])
    if end - start > MAX_LOCATOR:
        start = max(mention.start, end - MAX_LOCATOR)
        end = min(end, start + MAX_LOCATOR)
    return text[start:end]


def _names_a_noun(words: str) -> bool:
    """Whether the phrase's words before the figure say more than a measure word (起 of 28起28人)."""
    return any(not (c.isdigit() or c in ".,余多万亿" + MEASURE_CHARS) for c in words)


def _clause_start(text: str, position: int, sentence_start: int) -> int:
    stops = [text.rfind(c, sentence_start, position) for c in LOCATOR_STOP]
    return max(max(stops) + 1, sentence_start)


def _noun_after(text: str, mention: Mention, sentence_end: int) -> int:
    """Where the noun after a general measure word ends (463名党员干部被… → after 干部); the figure's
    end when none follows."""
    if not mention.unit_word or mention.unit_word[-1] not in GENERAL_MEASURES or mention.unit_word != mention.unit_word[-1:]:
        return mention.end
    end = mention.end
    while end < min(sentence_end, mention.end + MAX_NOUN) and text[end] not in LOCATOR_STOP \
            and not text.startswith(NOUN_ENDS, end) and not text[end].isdigit() \
            and not (text[end] == AMONG and (end + 1 >= len(text) or text[end + 1] in LOCATOR_STOP)):
        end += 1
    return end


def _words_before(text: str, start: int, end: int, clause_start: int) -> int:
    at = start
    while at > clause_start and text[at - 1] not in LOCATOR_STOP and end - at < MAX_BEFORE:
        at -= 1
    if end - at >= MAX_BEFORE:  # cut by length, not at a stop: begin after a joining word if there is one
        joins = [found for c in WORD_JOINS if (found := text.find(c, at, start)) >= 0]
        at = min(joins) + 1 if joins else at
    return at


def _unique_start(text: str, start: int, end: int, sentence_start: int) -> int:
    """Begin earlier (across commas if need be) until the quote is found once around the figure."""
    low, high = max(0, start - UNIQUE_WINDOW), min(len(text), end + UNIQUE_WINDOW)
    while start > max(0, sentence_start - 1) and end - start < MAX_LOCATOR \
            and text.count(text[start:end], low, high) > 1:
        start -= 1
    return start


def _in_number(text: str, at: int) -> bool:
    number_part = lambda c: c.isdigit() or c in ".,余多万亿"
    return at > 0 and number_part(text[at - 1]) and number_part(text[at])
