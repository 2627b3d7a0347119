"""Parts of totals: whether a figure counts a part of a total given or implied nearby, and which
indicator a part may keep.

「处分212人(其中党纪处分190人、政务处分31人)」: 190 and 31 are parts of 212. 「省纪委机关立案15件」 counts
the provincial commission's own cases, 「乡科级干部1.4万人」 one rank of the people disciplined: parts of
the area's total, never the total itself. Pure functions over the text and the figures' spans.
"""
from __future__ import annotations

import re
from bisect import bisect_right

# Words that open a list of parts; what follows them, up to the clause's end (；。) or a closing
# parenthesis, is a part. 含 only right after a bracket or comma (含金量 is not one).
# X中, only after a clause that holds its total (31个省区市的省级纪委中,至少11个; 处分的5101人中,…).
PART_MARKERS = re.compile(r"其中|包括|包含|(?<=[（(，,、])含|中[，,：:]")
PART_SCOPE_END = re.compile(r"[；;。！？!?\n）)]")
# Words in a figure's own list item (from the last comma) that scope it to a rank or to an organ's own
# work: 省部级干部10人, 机关本级, 省纪委立案22件. Both scripts, as bulletins are reprinted in either.
RANK_WORDS = re.compile(
    r"省部级|省部級|厅局级|廳局級|地厅级|地廳級|厅级|廳級|局级|局級|县处级|縣處級|处级|處級|乡科级|鄉科級|科级|科級|"
    r"一般干部|一般幹部|其他人员|其他人員|村委会主任|村委會主任|村干部|村幹部|"
    r"省管干部|市管干部|县管干部|区管干部|省管幹部|党委管理干部|黨委管理幹部|"
    # 政务处分 alone is one kind of the people disciplined (not 党纪政务处分, nor 党政纪处分: both kinds)
    r"(?<![党黨纪紀])(?:政务|政纪|政務|政紀)(?:处分|處分)")
ORGAN_WORDS = re.compile(
    r"机关本级|機關本級|"
    # the commission itself, unnamed (省纪委共立案22件), not a named one speaking for its area (永嘉县纪委)
    r"(?:(?<=[，,。；;：:\n（(])|(?<=其中)|^)(?:省|市|县|区|自治区)(?:纪委|紀委)(?:监委|監委)?(?:机关|機關)?")
# A total restricted, earlier in its sentence, to a level or to some organs (立案侦查乡科级及以下干部案件19756件,
# 结案19661件; 基层16个监察员办公室共立案59件): every figure after it counts that subset (README of tests/passages).
SUBSET_SCOPE = re.compile(r"(?:乡科级|鄉科級|县处级|縣處級)及?以下|基层[^，,。；;]{0,8}?(?:办公室|辦公室|监察室|監察室)")
# 处理5722人,党纪政务处分1748人,移送司法机关28人: those disciplined and transferred are among those dealt with.
HANDLED = re.compile(r"(?<!组织)处理[\d.,万余多]+人|(?<!組織)處理[\d.,萬余餘多]+人")  # 组织处理871人 is one kind, no total
AMONG_HANDLED = re.compile(r"处分|處分|移送")
# A sentence that opens with 从…看 naming a kind, a way or a rank (从举报方式看, 从查处的问题类型看, 从级别上看)
# breaks a total down: its counts are parts. Not 从全年看 or 从总体情况看, which only frame what follows.
BREAKDOWN_KINDS = "类型|类别|种类|方式|渠道|形式|级别|层级|职级|身份|性质|来源|构成|结构"
BREAKDOWN_WORDS = rf"从[^。，,；;\n]{{0,16}}(?:{BREAKDOWN_KINDS})[^。，,；;\n]{{0,4}}看[，,：:]"
BREAKDOWN = re.compile(rf"\s*{BREAKDOWN_WORDS}")
MARKER_REACH = 160  # how far back a 其中 is looked for: its scope ends at the clause anyway
COUNTS_OF_CASES = {"case", "person", "person_time"}
ITEM_CHARS = "，,、；;。：:（()）\n"
ITEM_START = re.compile(f"[{re.escape(ITEM_CHARS)}]")
# Which indicator is by definition a part of which (each one's definition in data/indicators.csv says
# so: 党纪处分人数 is 处分人数的一部分). Kept here until indicators.csv has a column for it.
PART_OF = {"party_discipline_people": "people_disciplined",
           "eight_point_people_disciplined": "eight_point_people_handled",
           "four_forms_first": "four_forms_total", "four_forms_second": "four_forms_total",
           "four_forms_third": "four_forms_total", "four_forms_fourth": "four_forms_total"}


def part_of_total(text: str, start: int, sentence_start: int, figure_ends: list[int], units: list[str],
                  unit: str) -> tuple[str, str]:
    """How the figure starting at `start` is told to be a part ('marker': 其中, 包括; 'bracket': in
    brackets after a figure; 'scope': a rank or an organ's own work; 'ranked': after 其中 under one rank's
    count; '' when it is not one), and the words that say so. `figure_ends`, `units`: where the text's figures end, in order, and their units:
    a part counts what its total counts (挽回损失6.23亿元 after 其中…29人 is not a part). A share (70.9%)
    is never a part."""
    if unit == "percent":
        return "", ""
    item = _item_start(text, start)
    scoped = _scope_word(text, item, start, RANK_WORDS) if unit in ("person", "person_time") else ""
    scoped = scoped or _scope_word(text, item, start, ORGAN_WORDS) or _organ_before(text, sentence_start, item, start)
    scoped = scoped or _scope_word(text, sentence_start, start, SUBSET_SCOPE)
    if scoped:
        return "scope", scoped
    if unit == "person" and HANDLED.search(text, sentence_start, item) and AMONG_HANDLED.search(text, item, start):
        return "scope", "处理"
    breakdown = BREAKDOWN.match(text, sentence_start)
    if breakdown and breakdown.end() <= start:
        return "marker", breakdown.group().strip()[:-1]
    marker = _last_marker(text, sentence_start, start)
    if marker and marker.group().startswith("中") and not _total_in_clause(text, marker.start(), figure_ends):
        marker = None  # 检查中, 工作中: no total said before it
    if marker and _same_unit_as_total(marker.start(), figure_ends, units, unit):
        # 10名省部级干部…受处理,其中8人受到党纪政纪处分: a part of one rank's count is that rank's too
        ranked = _scope_word(text, _item_start(text, max(sentence_start, marker.start() - 1)), marker.start(), RANK_WORDS)
        return ("ranked", ranked) if ranked and unit in ("person", "person_time") else ("marker", marker.group())
    bracket = _open_bracket(text, sentence_start, start)
    if bracket is not None and _ends_a_figure(bracket, text, figure_ends) \
            and _same_unit_as_total(bracket, figure_ends, units, unit):
        return "bracket", text[bracket]
    return "", ""


def _same_unit_as_total(position: int, figure_ends: list[int], units: list[str], unit: str) -> bool:
    """Whether the last figure before `position` (the total) is counted in `unit`, or both count cases
    and the people in them (立案312件,其中省管干部12人); True with none."""
    at = bisect_right(figure_ends, position) - 1
    return at < 0 or units[at] == unit or {units[at], unit} <= COUNTS_OF_CASES



def _total_in_clause(text: str, position: int, figure_ends: list[int]) -> bool:
    """Whether a figure ends in the clause that ends at `position` (31个省区市的省级纪委 before 中)."""
    at = bisect_right(figure_ends, position) - 1
    return at >= 0 and not PART_SCOPE_END.search(text, figure_ends[at], position) \
        and not re.search(r"[，,]", text[figure_ends[at]:position])


def indicator_of_part(indicator: str, scoped_by_rank: bool, totals_seen: set[str], ranked: bool = False) -> str:
    """A part keeps its own indicator (党纪处分 → party_discipline_people), never a total's: blank when
    the words only fit the total's (政务处分31人 after 处分212人), or when it counts one rank or organ, or is
    a part of one rank's count (`ranked`: 10名省部级干部…,其中8人受到党纪政纪处分)."""
    if ranked:
        return ""
    if not indicator or indicator in PART_OF:
        return indicator
    if scoped_by_rank or indicator in totals_seen:
        return ""
    return indicator


def is_part_indicator(indicator: str) -> bool:
    """Whether an indicator counts, by definition, a part of another (PART_OF)."""
    return indicator in PART_OF


def _last_marker(text: str, sentence_start: int, start: int) -> re.Match | None:
    found = None
    for match in PART_MARKERS.finditer(text, max(sentence_start, start - MARKER_REACH), start):
        found = match
    if found is None or PART_SCOPE_END.search(text, found.end(), start):
        return None
    return found


def _open_bracket(text: str, sentence_start: int, start: int) -> int | None:
    opened = max(text.rfind("（", sentence_start, start), text.rfind("(", sentence_start, start))
    if opened < 0 or max(text.rfind("）", opened, start), text.rfind(")", opened, start)) >= 0:
        return None
    return opened


def _ends_a_figure(position: int, text: str, figure_ends: list[int]) -> bool:
    """Whether a figure ends right before `position` (处分212人(…)), allowing a word or two of noun."""
    at = bisect_right(figure_ends, position) - 1
    return at >= 0 and position - figure_ends[at] <= 4 and not ITEM_START.search(text, figure_ends[at], position)


def _item_start(text: str, start: int) -> int:
    """Where the figure's list item begins: after the last comma, 、 or bracket (at most 40 back)."""
    at = max(text.rfind(c, max(0, start - 40), start) for c in ITEM_CHARS)
    return at + 1 if at >= 0 else max(0, start - 40)


# An area's whole named again after an organ's own figures (省纪委立案22件,全省立案1200件): the organ's scope ends.
WHOLE_AGAIN = re.compile(r"(?:全省|全市|全县|全区|全州|全国|各级|全縣|全區|全國|各級)(?<![占佔]..)")  # not 占全市的75.5%


def _organ_before(text: str, sentence_start: int, item_start: int, start: int) -> str:
    """The organ whose own work an earlier item of the sentence counted (市纪委共接受信访举报2452件次;立案48件):
    the items after it are its too, until the area's whole is named again."""
    found = None
    if text.find("纪委", sentence_start, item_start) < 0 and text.find("紀委", sentence_start, item_start) < 0:
        return ""
    for found in ORGAN_WORDS.finditer(text, sentence_start, item_start):
        pass
    if found is None or WHOLE_AGAIN.search(text, found.end(), start):
        return ""
    return found.group()


def _scope_word(text: str, item_start: int, start: int, words: re.Pattern) -> str:
    found = words.search(text, item_start, start)
    return found.group() if found else ""
