"""Candidate rows from a bulletin's prose: each figure with its indicator, area, period, qualifier,
unit and the shortest verbatim locator, for a person to review before anything is published.

The figures come from `numerals.mentions`, the periods from `periods.find_periods`. Which indicator a
figure counts comes from data/phrasings.csv (how bulletins word each indicator), never from code,
and areas from data/gazetteer.csv and regions.csv (areas.py); traditional characters are read as simplified,
reprint sites' pinyin glosses skipped (scripts.py). A row's unknowns stay blank; `why` records what was matched
(as JSON: the phrase and its context words, the figure as written and where (`at`), the from–to stage,
how the period and the area were found), which /add says in words, field by field (review.why_by_field),
so a reviewer can check it in seconds.
"""
from __future__ import annotations

import hashlib
from functools import cached_property
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from dashboard.adding.areas import AreaIndex, Gazetteer, area_of, cuts_a_word
from dashboard.adding.confidence import (AREA_TOTALS, confidence as how_sure, counted_alike, counts_a_subset,
                                         counts_no_indicator, dates_no_count, field_reasons, own_period)
from dashboard.adding.documents import Budget
from dashboard.adding.doubts import with_doubts
from dashboard.adding.governing import dates_an_event, governing
from dashboard.adding.locators import MAX_LOCATOR, locator as quote  # noqa: F401 (MAX_LOCATOR: review.py reads it here)
from dashboard.adding.nouns import ITEMS_AFTER
from dashboard.adding.numerals import Mention, mentions
from dashboard.adding.parts import (BREAKDOWN_WORDS, ORGAN_WORDS, indicator_of_part,
                                    is_part_indicator, part_of_total)
from dashboard.adding.periods import Period, find_periods, outside_periods, period_dates
from dashboard.adding.respectively import listed_phrasings
from dashboard.adding.rownotes import fact_id, row_note
from dashboard.adding.scripts import as_published, reading
from dashboard.adding.statistics import counts_a_list, counts_aspects, is_plan, is_threshold
from dashboard.kernel.i18n import UNIT_WORDS
from dashboard.kernel.schema import FACT_COLUMNS, SOURCE_COLUMNS

# facts.csv's columns, then what a reviewer needs to judge a row ("true"/"false": a part of a total)
COLUMNS = FACT_COLUMNS + ("confidence", "part_of_total", "why")
SENTENCE_END = re.compile(r"[。！？!?\n]")
# A period phrase governs the sentences after it up to a paragraph's end, unless the next paragraph goes on with the
# same figures: a breakdown (从查处的问题类型看), a list of parts (其中) or the same report (据介绍, 报道指, 通报还显示).
GOES_ON = r"据介绍|據介紹|据了解|據了解|报道指|報導指|报导指|报道称|報導稱|报导称|通报还显示|通報還顯示|通报显示|通報顯示"
PARAGRAPH_END = re.compile(rf"\n(?!\s*(?:其中|{GOES_ON}|{BREAKDOWN_WORDS}))")
CLAUSE_END = re.compile(r"[。！？!?\n；;]")  # a phrasing's context words must share the figure's clause
# "从20个工作日压缩至5个工作日": the words between a before and an after figure, and before the first.
FROM_WORDS = ("从原来的", "由原来的", "从原来", "由原来", "从", "由")
TO_WORDS = re.compile(r"(?:压缩|缩短|减少|精简|缩减|降低|降|提速|提高|提升|增加|增长)?(?:到|至|为)")
LONGER_WORDS = {"乡": "镇"}  # a phrasing's last word that the next character lengthens: 37个乡镇 counts 乡镇, not 乡
# How far a figure's sentence reaches either way: a text with no full stop (200,000 characters on one line)
MAX_REACH = 400  # would otherwise make every figure search the whole text for its period, area and context words
# A figure said again in its paragraph (从查处的5178起问题类型看), or pointed back to from a later one (被处理的4258人中),
# is the same figure when this large (5人 repeat by chance).
RESTATED_FROM, POINTED_BACK = 100, ("的", "这", "這", "上述")
# Measure words that say little of what they count on their own, with the unit they give alone: with no
# noun to tell, they count what the same word counted before in the paragraph (诉求708件,已办结708件: items).
UNIT_OF_WORD = {"个": "item", "個": "item", "件": "case"}
MEASURE_CHARS = "件次人名个起项条家批所"  # stripped from a phrasing's words: what is left names what is counted
# Stems of phrasings' words that name nothing an indicator counts alone (干部 of 一般干部, 机关 of 移送司法机关)
COMMON_STEMS = {"干部", "党员", "人员", "全国", "企业", "中心", "完成", "调查", "机关", "其他", "一般", "成员", "已经", "比较",
                "人口", "人数", "合计", "资料", "才能", "公室", "者有", "量为", "量达", "率达", "的达", "理共", "主义", "规定"}
ITEM_EDGE = re.compile(r"[，,；;。！？!?\n：:]")  # a list item's edges: 、 joins items of one list, so it is no edge
INNER_EDGE = re.compile(r"[，,；;。！？!?\n：:（()）]")  # (2024年270.3万件,2023年261.7万件): a bracket's item


@dataclass(frozen=True)
class Phrasing:
    indicator: str
    before: str
    after: str
    context: tuple[str, ...]
    sector: str
    unit: str


@dataclass(frozen=True)
class Vocabulary:
    """What the package knows about wording: phrasings, area names, indicator stages."""

    phrasings: tuple[Phrasing, ...]
    areas: Gazetteer  # every area a text may name: data/gazetteer.csv and the package's regions
    stages: dict
    fact_ids: frozenset = frozenset()  # taken: a candidate's id never repeats one in the package

    @classmethod
    def from_package(cls, folder: Path) -> Vocabulary:
        read = lambda name: pd.read_csv(Path(folder) / f"{name}.csv", dtype=str, keep_default_na=False)
        phrasings = tuple(Phrasing(r.indicator, *r.phrase.split("{n}", 1), tuple(filter(None, r.context.split("|"))),
                                   r.sector, r.unit) for r in read("phrasings").itertuples())
        indicators = read("indicators")
        return cls(phrasings, area_names(read("regions"), read("gazetteer") if (Path(folder) / "gazetteer.csv").exists()
                                         else None), dict(zip(indicators["id"], indicators["stage"])),
                   frozenset(read("facts")["fact_id"]))

    @cached_property
    def _by_edges(self) -> dict[tuple[str, str], tuple[int, ...]]:
        """Phrasings by (the last character before {n}, the first after it; '' for none), as indexes."""
        edges: dict[tuple[str, str], list[int]] = {}
        for index, phrasing in enumerate(self.phrasings):
            edges.setdefault((phrasing.before[-1:], phrasing.after[:1]), []).append(index)
        return {key: tuple(found) for key, found in edges.items()}

    @cached_property
    def indicator_words(self) -> re.Pattern:
        """Any phrasing's words (立案, 处置问题线索, 八项规定, 个县(区) without its measure word): a figure with
        none of them in its list item counts something no indicator measures (结案1779件)."""
        words = {w.strip(MEASURE_CHARS) for p in self.phrasings for w in (p.before, p.after, *p.context)}
        words |= {stem for w in words if len(w) >= 4 for stem in (w[:2], w[-2:])} - COMMON_STEMS  # 信访 of 信访举报
        return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if len(w) >= 2))

    def phrasings_touching(self, before: set[str], after: set[str]) -> list[Phrasing]:
        """The phrasings whose words could meet a figure with these characters just before and after
        it, in the package's order: only these are worth fitting (a few of 70, for every figure)."""
        indexes = sorted(i for b in before | {""} for a in after | {""} for i in self._by_edges.get((b, a), ()))
        return [self.phrasings[i] for i in indexes]


def area_names(regions: pd.DataFrame, gazetteer: pd.DataFrame | None = None) -> Gazetteer:
    """Every way a bulletin names an area (areas.py): the gazetteer's provinces, prefectures and counties
    and the package's own regions, by full name, and a city or county without 市/区/县 (定海, 杭州). A
    province or the country only by its full name: '浙江' alone is mostly part of a name (浙江自贸试验区)."""
    return Gazetteer(regions, gazetteer)


def candidates(text: str, vocabulary: Vocabulary, on: date | None = None, region: str | None = None,
               source: str = "", budget: Budget | None = None) -> pd.DataFrame:
    """Candidate fact rows for every figure in `text` (a bulletin dated `on`), as text columns. With a
    `budget`, the work stops with its DocumentError once the budget is spent (documents.Budget)."""
    published, (text, origin) = text, reading(text)  # read as simplified, no pinyin glosses; quoted as published
    found = find_periods(text, on)
    figures = outside_periods(mentions(text), found)
    listed = listed_phrasings(text, figures, vocabulary.phrasings)
    default_area = region or vocabulary.areas.context(text[:300], None) or ""
    # Each is found once for the whole text, and each figure looks its own up by bisection (linear time).
    sentences, clauses = _Spans(text, SENTENCE_END), _Spans(text, CLAUSE_END)
    paragraphs = _Spans(text, PARAGRAPH_END, reach=len(text))
    period_ends, areas = [p.end for p in found], AreaIndex(text, vocabulary.areas, default_area)
    rows, ids, numbered, paragraph_now, said_in_text, said_before = [], set(vocabulary.fact_ids), {}, None, {}, {}
    figure_ends, figure_starts, units = [m.end for m in figures], [m.start for m in figures], [m.unit for m in figures]
    for index, mention in enumerate(figures):
        if budget is not None and index % 64 == 0:
            budget.check()
        sentence = sentences.around(mention.start)
        stage = _stage(text, figures, index)
        # 其中 goes on with the clause before it: its context words (八项规定) are the parts' too
        clause, said = _with_total(text, clauses.around(mention.start), clauses), _with_total(text, sentence, sentences)
        phrasing, span = _phrasing(text, mention, clause, vocabulary, stage)
        phrasing = listed.get(index) or phrasing  # 第一、二、三、四种形态分别处理45460人次、23134人次…
        context_far = phrasing is None  # none fits its clause: a context word elsewhere in its sentence may do
        if context_far:
            phrasing, span = _phrasing(text, mention, said, vocabulary, stage)
        elif not phrasing.context:  # 八项规定…；…处分2975人: the same words with a context word earlier in the sentence
            wider, wider_span = _phrasing(text, mention, (said[0], mention.start), vocabulary, stage)
            if wider is not None and wider.context and (wider.before, wider.after) == (phrasing.before, phrasing.after):
                phrasing, span, context_far = wider, wider_span, True
        paragraph = paragraphs.around(mention.start)
        if paragraph != paragraph_now:  # a part's total is in its own paragraph
            said_in_text.update(said_before)
            totals_seen, paragraph_now, units_said, counted, said_before, carried = set(), paragraph, {}, set(), {}, None
        first = said_before.get((mention.value, mention.unit))
        if first is None and text.endswith(POINTED_BACK, 0, mention.number_start):  # 被处理的4258人中, a paragraph on:
            first = said_in_text.get((mention.value, mention.unit))  # it speaks of that figure, over its period
            carried = first[1] if first is not None else carried
        if first is not None and (phrasing is None or phrasing.indicator in ("", first[0])):
            continue  # 查处问题5178起…从查处的5178起问题类型看: the same figure again, a row at its first mention only
        period = _period_before(found, paragraph, mention, period_ends, text) or carried
        period = None if dates_an_event(text, period, mention.start) else period
        if counts_a_list(text, mention.number_start, mention.number_end, mention.value) \
                or counts_aspects(text, mention.end, mention.value) or is_threshold(text, mention.start, mention.end, mention.unit) \
                or is_plan(text[sentence[0]:sentence[1]], period.words if period else "", period.last if period else None, on):
            continue  # not a statistic (statistics.py): no row to propose
        part_how, part_words = part_of_total(text, mention.start, sentence[0], figure_ends, units,
                                             mention.unit)
        # a part belongs to the total before it, and to its area (武汉市…立案3200件。其中,…处级干部56人)
        area, area_why = area_of(sentence, mention.start, default_area, region, areas,
                                 paragraph[0] if part_how else None)
        start, end, period_why = period_dates(period, on)
        locator = quote(text, mention, span, sentence)
        indicator = phrasing.indicator if phrasing else ""
        # 其中仅12月一个月内,就查处问题4785起: the same measure over a shorter time, no part of the total
        part = (bool(part_how) or is_part_indicator(indicator)) and not own_period(text, period, sentence[0], mention.start)
        if part:
            indicator = indicator_of_part(indicator, part_how == "scope", totals_seen, part_how == "ranked")
        elif indicator:
            totals_seen.add(indicator)
        subset, item = "", _list_item(text, mention.start, mention.end)
        if indicator in AREA_TOTALS and counts_a_subset(item):
            subset, indicator = indicator, ""  # 查处扶贫领域问题…立案37件: the field's cases, not the area's
        unit = phrasing.unit if phrasing else mention.unit
        if not phrasing and unit == UNIT_OF_WORD.get(mention.unit_word) and not ITEMS_AFTER.match(text, mention.end):
            unit = units_said.get(mention.unit_word, unit)  # 线索5100个,…湖北省450个: what the 个 before counted
        units_said[mention.unit_word] = unit
        if mention.value >= RESTATED_FROM and mention.unit != "percent":  # 100% of one thing and of another
            said_before.setdefault((mention.value, mention.unit), (indicator, period))
        phrase = f"{phrasing.before}{{n}}{phrasing.after}" if phrasing else ""
        part_why = {"how": part_how or ("indicator" if part else ""), "words": part_words}
        why = {"phrase": phrase, "context": list(phrasing.context) if phrasing else [], "indicator": indicator,
               "figure": text[mention.start:mention.end], "qualifier": mention.qualifier, "stage": stage,
               "period": period_why, "area": area_why, "part": part_why, "at": [mention.start, mention.end],
               "fields": field_reasons(text, mention.start, mention.number_start, mention.number_end, mention.end,
                                       mention.unit_word, phrase, part_why, area_why, period_why)}
        if context_far and phrasing is not None:
            why["fields"]["indicator"] += "; its context word is outside the figure's clause"
        if subset:
            why["subset"] = subset
            why["fields"]["indicator"] = f"phrasing {phrase} ({subset}), but counted within one field: left blank"
        confidence = how_sure(indicator, phrase, part_why, area, area_why, start, period_why,
                              text[sentence[0]:mention.start], mention.unit == "percent",
                              (context_far and phrasing is not None)
                              or _rival_context(text, paragraph, mention.start, phrasing, vocabulary),
                              bool(on and end and end > on.isoformat()),
                              areas.other_named(max(paragraph[0], sentence[0] - MAX_REACH), sentence[0], area),
                              part_how == "scope" and bool(ORGAN_WORDS.search(part_words))
                              and not counted_alike(counted, mention.unit),
                              dates_no_count(period, sentence[0], figure_starts),
                              _framing_sentence(text, sentence, paragraph, sentences, figure_starts),
                              counts_no_indicator(item, text[mention.start:mention.end],
                                                  mention.unit, vocabulary.indicator_words,
                                                  _list_item(text, mention.start, mention.end, INNER_EDGE)),
                              bool(subset))
        if not (part_how == "scope" and ORGAN_WORDS.search(part_words)):  # the organ's own counts are no area's total
            counted.add(mention.unit)
        rows.append({
            "fact_id": fact_id(indicator, area, start, end, phrasing.sector if phrasing and indicator else "", ids, numbered), "indicator": indicator, "region": area,
            "sector": phrasing.sector if phrasing and indicator else "", "period_start": start, "period_end": end,
            "value": f"{mention.value:.15g}",  # every digit as published (39198.28, 2703000), never 3.9e+04
            "qualifier": mention.qualifier, "unit": unit,
            "unit_word": _published_word(mention.unit_word, unit), "source": source,
            "locator": locator, "note": row_note(text, mention, period, start, end), "confidence": confidence,
            "part_of_total": "true" if part else "false", "why": json.dumps(why, ensure_ascii=False, separators=(",", ":"))})
    found_rows = with_doubts(pd.DataFrame(rows, columns=list(COLUMNS)).astype(str), text, region)
    return as_published(found_rows, text, published, origin, MAX_LOCATOR)


class _Spans:
    """The sentences (or with CLAUSE_END, the clauses) of a text: their ends found once, each figure's
    span looked up by bisection, and cut to MAX_REACH characters on either side of the figure."""

    def __init__(self, text: str, ends: re.Pattern = SENTENCE_END, reach: int = MAX_REACH):
        self.size, self.ends = len(text), [m.start() for m in ends.finditer(text)]  # each end is one character
        self.reach = reach

    def around(self, position: int) -> tuple[int, int]:
        at = bisect_left(self.ends, position)
        start = self.ends[at - 1] + 1 if at else 0
        end = self.ends[at] if at < len(self.ends) else self.size
        return max(start, position - self.reach), min(end, position + self.reach)


def _stage(text: str, figures: list[Mention], index: int) -> str:
    """'before' or 'after' when the figure is one end of 从…压缩至…, else ''."""
    mention = figures[index]
    if index + 1 < len(figures) and TO_WORDS.fullmatch(text[mention.end:figures[index + 1].start]) \
            and text.endswith(FROM_WORDS, 0, mention.start):
        return "before"
    if index > 0 and TO_WORDS.fullmatch(text[figures[index - 1].end:mention.start]) \
            and text.endswith(FROM_WORDS, 0, figures[index - 1].start):
        return "after"
    return ""


def _phrasing(text: str, mention: Mention, clause: tuple[int, int], vocabulary: Vocabulary,
              stage: str) -> tuple[Phrasing | None, tuple[int, int]]:
    """The most specific phrasing that reads like the words around the figure, and its span: one
    with context words beats one without, the nearer context word (before the figure) wins
    ("监察立案5起6人,留置措施2起3人": the second 人 is 留置's), then the longer phrase."""
    best, best_rank, best_span = None, None, (mention.start, mention.end)
    ends = _before_figure(text, mention)
    before = {text[at - 1] for at in ends if at > 0}
    after = {text[at] for at in (mention.end, mention.number_end, mention.number_end + 1) if at < len(text)}
    fitted = []  # every phrasing whose words fit, for the specific one that may outrank a context word
    for phrasing in vocabulary.phrasings_touching(before, after):
        if stage and vocabulary.stages.get(phrasing.indicator, "") not in ("", stage):
            continue
        distance = _context_distance(text, clause, mention, phrasing.context)
        if distance is None:
            continue
        rank = (1 if phrasing.context else 0, -distance, len(phrasing.before) + len(phrasing.after))
        span = _fits(text, mention, phrasing, ends)
        if span:
            fitted.append((phrasing, span))
            if best_rank is None or rank > best_rank:
                best, best_rank, best_span = phrasing, rank, span
    # 形式主义、官僚主义问题{n}起 names its kind in its own words: it beats 问题{n}起 with 八项规定 further back
    for phrasing, span in fitted:
        if best is not None and phrasing.before.endswith(best.before) and phrasing.after.startswith(best.after) \
                and len(phrasing.before) + len(phrasing.after) > len(best.before) + len(best.after) + 2:
            best, best_span = phrasing, span
    return best, best_span


def _list_item(text: str, start: int, end: int, edge: re.Pattern = ITEM_EDGE) -> str:
    """The figure's list item: from the last comma (or clause end) before it to the next after it."""
    low = max(0, start - MAX_REACH)
    last, after = edge.search(text[low:start][::-1]), edge.search(text, end, end + MAX_REACH)  # reversed: the nearest
    return text[start - last.start() if last else low:after.start() if after else end + MAX_REACH]


FILLER = re.compile(r"(?:共计|合计|共|达|有)$")  # 信访举报共314.4万件次: a word between the phrasing's and the figure


def _before_figure(text: str, mention: Mention) -> list[int]:
    """Where a phrasing's words before {n} may end: at the figure, its number, or a filler word before them."""
    ends = [mention.start, mention.number_start]
    return ends + [at - len(m[0]) for at in ends if (m := FILLER.search(text, max(0, at - 2), at))]

PARTS_AHEAD = re.compile(r"[\s，,：:]*其中")


def _with_total(text: str, span: tuple[int, int], spans: _Spans) -> tuple[int, int]:
    """`span`, reaching back over the clause (or sentence) before it when it opens with 其中."""
    if span[0] < 2 or not PARTS_AHEAD.match(text, span[0]):
        return span
    return spans.around(span[0] - 2)[0], span[1]


def _framing_sentence(text: str, sentence: tuple[int, int], paragraph: tuple[int, int], sentences: _Spans,
                      figure_starts: list[int]) -> str:
    """The sentence before the figure's in its paragraph when it counts nothing (聚焦扶贫领域…专项治理。全县
    查处…) or the figure's opens with 其中: it frames the figures after it; one that counts (开展专项检查37次。)
    speaks only of its own."""
    if sentence[0] - 2 < paragraph[0]:
        return ""
    before = sentences.around(sentence[0] - 2)
    at = bisect_left(figure_starts, before[0])
    counted = at < len(figure_starts) and figure_starts[at] < before[1]
    goes_on = PARTS_AHEAD.match(text, sentence[0]) is not None  # 其中 goes on with the sentence before
    return "" if counted and not goes_on else text[max(before[0], paragraph[0]):before[1]]


def _rival_context(text: str, paragraph: tuple[int, int], position: int, phrasing: Phrasing | None, vocabulary: Vocabulary) -> bool:
    """Whether a phrasing with the same words as the one that fit, but context words, has one of them in
    the figure's paragraph, near it (处分{n}人 fit; 八项规定 was said a sentence before): the indicator is in doubt."""
    if phrasing is None or phrasing.context:
        return False
    near = (max(paragraph[0], position - MAX_REACH), min(paragraph[1], position + MAX_REACH))
    return any(other.context and (other.before, other.after) == (phrasing.before, phrasing.after)
               and any(text.find(word, *near) >= 0 for word in other.context)
               for other in vocabulary.phrasings_touching({phrasing.before[-1:]}, {phrasing.after[:1]}))


def _context_distance(text: str, clause: tuple[int, int], mention: Mention, words: tuple[str, ...]) -> int | None:
    """How far before the figure the nearest context word ends (after it: counts as far); 0 with no
    context; None when the clause lacks every word."""
    if not words:
        return 0
    before = [mention.start - (text.rfind(w, clause[0], mention.start) + len(w)) for w in words
              if text.rfind(w, clause[0], mention.start) >= 0]
    if before:
        return min(before)
    return len(text) if any(w in text[mention.end:clause[1]] for w in words) else None


def _fits(text: str, mention: Mention, phrasing: Phrasing, ends: list[int] | None = None) -> tuple[int, int] | None:
    """The span of the phrase around the figure, or None. The words before {n} end where the figure
    (or its number) begins; the words after follow the number (and unit) or the whole figure."""
    start = next((at - len(phrasing.before) for at in (ends or _before_figure(text, mention))
                  if text.endswith(phrasing.before, 0, at)), None)
    counted = mention.number_end + (text[mention.number_end:mention.number_end + 1] in ("余", "多"))  # 20多个
    end = next((at + len(phrasing.after) for at in (mention.end, mention.number_end, counted)
                if text.startswith(phrasing.after, at)), None)
    if start is None or end is None or cuts_a_word(text, end) \
            or text.startswith(LONGER_WORDS.get(phrasing.after[-1:], "\0"), end):
        return None
    return min(start, mention.start), max(end, mention.end)


def _period_before(found: list[Period], paragraph: tuple[int, int], mention: Mention,
                   ends: list[int] | None = None, text: str = "") -> Period | None:
    """The period phrase that governs the figure: the last one before it in its paragraph, however many
    sentences back (「2021年上半年,…共X人次。其中,…Y人次」: Y is the half-year's too); `ends`: each
    period's end, in order. A comparison's period (比去年同期) is never one (periods.find_periods)."""
    last = bisect_right(ends if ends is not None else [p.end for p in found], mention.start) - 1
    return governing(found, last, mention.start, text, paragraph[0])


def _published_word(word: str, unit: str) -> str:
    """The measure word as written (问题54起: 起), kept where it is not the unit's usual one (件)."""
    return word if word and word != UNIT_WORDS.get(unit, ("",))[0] else ""


def text_sha256(text: str) -> str:
    """The retrieval record's fingerprint: SHA-256 of the text as UTF-8 (what the locators quote)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_row(text: str, region: str | None = None, **fields: str) -> pd.DataFrame:
    """The sources.csv row for the text the candidates came from: its retrieval record, read today,
    with the options that make the same rows again from the same text."""
    row = {column: fields.get(column) or "" for column in SOURCE_COLUMNS}
    row["extracted_with"] = f"--region {region}" if region else ""
    row["retrieved"] = row["retrieved"] or datetime.now(timezone.utc).date().isoformat()
    row["text_sha256"] = text_sha256(text)
    return pd.DataFrame([row], columns=list(SOURCE_COLUMNS))
