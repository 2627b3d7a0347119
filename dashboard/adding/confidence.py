"""How sure the extractor is of a candidate row, and what decided each of its fields.

`high` only where every field was decided by strong evidence: the indicator by a phrasing that fits
the words around the figure (or, for a part counted by rank or organ, by the words that scope it, which
leave the indicator blank on purpose; for a part after 其中, 包括 or 从…看 that no part's phrasing fits, blank
by rule; for a share of a total, 占…%; for a figure whose item names what no phrasing's words name, 结案308件, blank), the period by a period phrase that governs the figure, the area
by a name in the figure's sentence or the area the bulletin was given for. `medium` when each field has
a value but one rests on weaker ground (the bulletin's date, the heading's area); `low` otherwise.
Measured on the labelled development passages (tests/passages/README.md): a reviewer may accept the
`high` rows at once. Pure functions of what `candidates` found.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from dashboard.adding.parts import COUNTS_OF_CASES
from dashboard.adding.periods import Period

STRONG_AREAS = ("named", "given")
# A figure counted within one field or campaign (扶贫领域, 专项治理, 巡视发现) is a subset whose indicator
# a phrasing cannot tell from the area's total.
SUBSET_WORDS = re.compile(r"领域|專項|专项|扶贫|扶貧|民生|群众身边|侵害群众利益|巡视发现|巡視發現|巡察发现"
                          # one kind of breach (违反政治纪律案件87起、处分74人), accountability (问责), a campaign
                          r"|(?:政治|组织|廉洁|群众|工作|生活)纪律|問責|问责|行动|行動|倒查"
                          # a campaign against one kind of misconduct (乡村振兴, 不正之风和腐败问题整治, 雁过拔毛)
                          r"|乡村振兴|鄉村振興|不正之风|不正之風|作风问题|作風問題|整治|雁过拔毛|惠农|惠民"
                          # the cases a website made public (通报曝光…问题177起), not all the cases
                          r"|通报曝光|通報曝光|公开曝光|公開曝光|点名道姓|點名道姓")
# An area's totals (tests/passages/README.md): a subset's own count of one (扶贫领域立案37件) is no such total
AREA_TOTALS = ("clues_handled", "cases_filed", "people_disciplined", "party_discipline_people", "petitions_received",
               "talks_inquiries", "people_transferred_prosecution")
# Said in the figure's own list item, these name the field it is counted in (查处违反政治纪律案件87起、处分74人);
# said further off (惩治腐败大震慑行动,…,全市立案257件) they may frame the area's whole work: only a doubt (SUBSET_WORDS).
FIELD_IN_ITEM = re.compile(r"领域|領域|扶贫|扶貧|专项|專項|巡视发现|巡視發現|巡察发现|巡察發現|(?:政治|组织|廉洁|群众|工作|生活)纪律")


def counts_a_subset(item: str) -> bool:
    """Whether a figure's list item (from the comma before it to the one after) names the field it is counted in."""
    return bool(FIELD_IN_ITEM.search(item))


# What inspections found and handed over (开展了政治巡察,…移交相关部门党纪政务处分350人): an indicator's words
# there count the inspections' share, not the area's total.
INSPECTED = re.compile(r"巡察|巡视|巡視")
# An organ of a named place (北京市各级纪检监察机关): a doubt when the place is of a lower level than the
# area the bulletin was given for (a province in a national release, a county in a city's).
OTHER_PLACE = re.compile(r"(?<![全各本该我])(?P<name>[\u4e00-\u9fff]{1,6}?)(?P<suffix>省|自治区|自治區|市|县|縣|区|區)"
                         r"(?=各级|各級|纪委|紀委|纪检|紀檢|监委|監委|党委|黨委)")
PLACE_LEVELS = {"省": 1, "自治区": 1, "自治區": 1, "市": 2, "县": 3, "縣": 3, "区": 3, "區": 3}
MUNICIPALITIES = ("北京", "天津", "上海", "重庆", "重慶")  # cities at a province's level
# A plan's target (主要目标。到2019年6月底,基本实现…压缩至90个工作日以内) is not a statistic yet.
TARGET_WORDS = re.compile(r"目标|力争|计划|确保|预计|将要|争取|到\d{4}年\d{1,2}月底")
# Counts of places (21个镇, 22个县(区)) are stocks: which day they stand for is seldom what a phrase says.
PLACE_COUNTS = ("counties", "subdistricts", "towns", "townships")
# Offices and the people staffing them stand on a day, not over a period: with no period phrase, the
# bulletin's date is theirs by the package's rule (data/README.md "Periods"), as sure as a stated one.
STOCKS = ("supervision_offices", "supervision_cadres", "supervision_liaison_stations", "supervision_liaison_staff",
          "township_service_centres", "village_service_stations")


def field_reasons(text: str, start: int, number_start: int, number_end: int, end: int, unit_word: str,
                  phrase: str, part: dict, area_why: dict, period_why: dict) -> dict[str, str]:
    """A short phrase per field naming what decided it: the figure's words, the phrasing, the area
    mention, the period phrase."""
    around = (text[start:number_start] + "…" + text[number_end:end].replace(unit_word, "", 1)).strip("…")
    number = text[number_start:number_end]
    within = "".join(c for c in number[:2] if c in "数几上成") + "".join(c for c in number if c in "余多")
    return {
        "value": number,
        "qualifier": around or (f"{within} in {number}" if within else "no qualifier word"),
        "unit": f"phrasing {phrase}" if phrase else f"measure word {unit_word}",
        "indicator": (f"phrasing {phrase}" if phrase else "no phrasing fits")
        + (f"; part of a total ({part['words']})" if part.get("how") else ""),
        "region": {"named": f"named {area_why.get('name', '')}", "given": "given for the bulletin",
                   "carried": f"{area_why.get('name', '')}, named in an earlier sentence",
                   "heading": "first area in the heading",
                   "ambiguous": f"“{area_why.get('name', '')}” names several places and the text's own area "
                                "does not say which: left blank"}.get(area_why.get("how", ""), "none"),
        "period": {"stated": f"period phrase {period_why.get('words', '')}",
                   "unpinned": f"period phrase {period_why.get('words', '')} without dates",
                   "bulletin_date": "no period phrase: the bulletin's date"}.get(period_why.get("how", ""), "none"),
    }


SHARE = re.compile(r"占[^，,；;。]{0,8}$")  # 占总人次的70.9%: a share of a total, no indicator of its own


def is_share(sentence_before: str) -> bool:
    """Whether a figure is a share of a total (占总人次的70.9%, 占22.4%): its indicator is blank by rule."""
    return bool(SHARE.search(sentence_before))


# Words of the indicators that are by definition parts (党纪处分, 第一种形态: parts.PART_OF): a part whose
# item holds one but whose words no phrasing fit (其中党纪处分的有190人) may want that indicator.
PART_INDICATOR_WORDS = re.compile(r"处分|處分|形态|形態")
ITEM_BREAK = re.compile(r"[，,、；;：:（(]")


def _item(sentence_before: str) -> str:
    """The figure's list item: its sentence up to it, after the last comma, 、 or bracket."""
    return ITEM_BREAK.split(sentence_before)[-1]


def _lower_place_named(sentence_before: str, area: str) -> bool:
    """Whether the sentence names an organ of a place below the level of `area` (a GB/T 2260 code)."""
    given = 0 if area == "100000" else 1 if area.endswith("0000") else 2 if area.endswith("00") else 3
    for match in OTHER_PLACE.finditer(sentence_before):
        level = 1 if match["name"].endswith(MUNICIPALITIES) else PLACE_LEVELS[match["suffix"]]
        if level > given:
            return True
    return False


def confidence(indicator: str, phrase: str, part: dict, area: str, area_why: dict, period_start: str,
               period_why: dict, sentence_before: str = "", percent: bool = False, rival_context: bool = False,
               ends_after_bulletin: bool = False, other_area_before: bool = False, organ_alone: bool = False,
               period_dates_no_count: bool = False, paragraph_before: str = "",
               no_indicator_words: bool = False, field_subset: bool = False) -> str:
    """'high', 'medium' or 'low' for a row, by the rules in this module's docstring. `sentence_before`:
    the figure's sentence up to it; `percent`: the figure is a percentage; `rival_context`: another phrasing with the same words but context
    words (处分{n}人 with 八项规定) has its word in the paragraph, outside the figure's clause;
    `ends_after_bulletin`: the period ends after the bulletin's date (2023年 in a June bulletin: the year
    was not over, so the figure is the year so far or a plan, not the year's); `other_area_before`: the
    area was given, not named, and an earlier sentence of the paragraph named another (湖北省…。处分2.8万人):
    the figure may still speak for that one; `organ_alone`: a part by an organ's words (市纪委监委收到…)
    with no total counted before it: the organ may be speaking for its whole area; `period_dates_no_count`:
    the period was said in an earlier sentence that counted nothing (2023年3月,…出台《办法》。全市立案56件):
    it may date an event, not the count; `paragraph_before`: the sentence before the
    figure's when it frames it (counts nothing), where a field's subset may be named (聚焦扶贫领域…。全县查处问题56个);
    `field_subset`: a phrasing fit, but the figure's list item names the field it is counted in, so the indicator
    was left blank (a judgement: never high)."""
    indicator_decided = bool(phrase and indicator) or (part.get("how") in ("scope", "ranked") and not indicator) \
        or (part.get("how") and not indicator and (phrase or not PART_INDICATOR_WORDS.search(_item(sentence_before)))) \
        or (not phrase and percent and is_share(sentence_before)) \
        or (not indicator and not phrase and no_indicator_words) or field_subset
    if not (indicator_decided and area and period_start):
        return "low"
    dated = period_why.get("how") == "stated" or (period_why.get("how") == "bulletin_date" and indicator in STOCKS)
    strong = dated and area_why.get("how") in STRONG_AREAS
    doubts = (rival_context, bool(SUBSET_WORDS.search(sentence_before) or SUBSET_WORDS.search(paragraph_before)),
              bool(indicator) and bool(INSPECTED.search(sentence_before) or INSPECTED.search(paragraph_before)), bool(TARGET_WORDS.search(sentence_before)), indicator in PLACE_COUNTS,
              area_why.get("how") != "named" and _lower_place_named(sentence_before, area),
              ends_after_bulletin, other_area_before and area_why.get("how") != "named", organ_alone,
              period_dates_no_count, field_subset)
    return "high" if strong and not any(doubts) else "medium"


def dates_no_count(period: Period | None, sentence_start: int, figure_starts: list[int]) -> bool:
    """Whether the figure's period was said in an earlier sentence that counted nothing under it
    (2023年3月,市纪委监委出台《办法》。全市共立案56件: the month dates the rules, maybe not the cases)."""
    if period is None or period.start >= sentence_start:
        return False
    at = bisect_left(figure_starts, period.end)
    return at >= len(figure_starts) or figure_starts[at] >= sentence_start


def own_period(text: str, period: Period | None, sentence_start: int, start: int) -> bool:
    """Whether a part after 其中 has a period of its own (其中仅12月一个月内,就查处问题4785起): the same
    measure over a shorter time, which keeps its indicator (data/README.md: one indicator for all periods)."""
    marker = text.rfind("其中", sentence_start, start)
    return period is not None and marker >= 0 and period.start > marker


def counted_alike(counted: set[str], unit: str) -> bool:
    """Whether a figure counted like this one (cases and the people in them alike) came before it."""
    return unit in counted or (unit in COUNTS_OF_CASES and bool(counted & COUNTS_OF_CASES))


DURATIONS = ("day", "week", "month", "working_day", "hour", "minute")
# What names no counted thing: the figure's period, fillers and punctuation (2023年261.7万件, 共17人).
NOT_A_NOUN = re.compile(r"[\d.,%％]|[年月日]|今年|去年|同期|以来|[一二三四五六七八九十]季度|上半年|下半年|全年|共计|合计|总计|累计"
                        r"|[共有达为约近逾计其中分别已]|超过|不到|不足|[^\u4e00-\u9fff]")
COMPARED_ITEM = re.compile(r"相比|相较|较之|对比|比去年|比上年|比上月|比20|比19")


def counts_no_indicator(item: str, figure: str, unit: str, indicator_words: re.Pattern, inner: str = "") -> bool:
    """Whether a figure's list item (结案1779件, 组织处理83人) names what it counts and that thing is no
    indicator's: none of the phrasings' words (`indicator_words`) in it, a noun of its own beside the figure,
    not restated in a comparison (与2018年一季度共接收68件相比: the measure said before) and not a duration
    (一共492天: a window's length or an approval time, which an indicator may want). `inner`: the item cut
    at brackets too, where the noun must be."""
    if unit in DURATIONS or COMPARED_ITEM.search(item) or indicator_words.search(item):
        return False
    inner = inner or item  # the item inside its brackets, if any: (…,2023年261.7万件) names nothing counted
    return len(NOT_A_NOUN.sub("", inner.replace(figure, "", 1))) >= 2
