"""Numbers in Chinese prose: which spans are figures, their value, unit word and qualifier.

Pure functions over text, no data package: `mentions(text)` finds every figure a bulletin states
("立案12件", "三百零五人", "1.2万件", "3个月左右", "半小时不到", "提速2倍", "100%") and never a
number that is not one: years and dates, ordinals (第十四次), names (八项规定, 两个维护), document
numbers (〔2019〕12号), phone numbers, ranges (三四个月), and anything inside quotation marks or
book-title marks, where Chinese prose puts slogans and names (“最多跑一次”, 《…》).
Which indicator a figure counts is `candidates.py`'s job.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from dashboard.adding.nouns import (CASES_BEFORE, ENTERPRISES_AFTER, ORGANISATIONS_AFTER, ORGANS_AFTER, PLACES_AFTER,
                                   TASKS_BEFORE, what_个_counts)
from dashboard.adding.quotes import QuotedNames

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN = "零〇○一二两三四五六七八九十百千万亿廿卅"
TENS_IN_ONE = {"廿": "二十", "卅": "三十"}  # 卅一人: thirty-one, as older and Hong Kong prose writes it

# Unit words after a number, longest first, with the unit code of data/datapackage.json they usually
# mean. A phrasing in data/phrasings.csv may name another unit for its indicator (个县 → county).
UNIT_WORDS = {
    "个工作日": "working_day", "工作日": "working_day", "个月": "month", "个星期": "week", "星期": "week", "周": "week", "个小时": "hour", "小时": "hour",
    "分钟": "minute", "天": "day", "日": "day", "人次": "person_time", "件次": "case", "件": "case", "起": "case", "人": "person",
    "名": "person", "位": "person", "批次": "batch", "批": "batch", "家": "enterprise", "个": "item",
    "项": "item", "条": "item", "次": "unit", "场": "item", "期": "batch", "类": "category", "所": "unit",
    "宗": "case", "笔": "item", "门": "item", "份": "item", "轮": "batch",  # 案件45宗; 资金1200笔, 课程12门: transactions and the like are items
    "省份": "unit", "省区市": "unit",  # 9省份未现…: provinces counted with no measure word between
    "万元": "yuan_10k", "亿元": "yuan_100m", "倍": "times", "%": "percent", "％": "percent", "分": "score",
}
VAGUE = r"(?:数|几|上|成)(?:十万|百万|千万|十|百|千|万)"  # 数十, 几十, 上百, 数百万: about that magnitude
_UNIT = "|".join(re.escape(w) for w in sorted(UNIT_WORDS, key=len, reverse=True))
# Before the number / after it (between number and unit: 余, 多; after the unit: the rest).
QUALIFIERS_BEFORE = {"约": "approx", "近": "approx", "大约": "approx", "超过": "more_than", "逾": "more_than", "超": "more_than",
                     "不到": "less_than", "不足": "less_than", "不超过": "at_most", "最多": "at_most",
                     "至多": "at_most", "至少": "at_least", "不少于": "at_least", "不低于": "at_least"}
QUALIFIERS_INSIDE = {"余": "more_than", "多": "more_than"}
QUALIFIERS_AFTER = {"左右": "approx", "多": "more_than", "不到": "less_than", "以内": "at_most", "之内": "at_most", "内": "at_most",
                    "以上": "at_least", "以下": "at_most"}
_BEFORE = "|".join(sorted(QUALIFIERS_BEFORE, key=len, reverse=True))
_AFTER = "|".join(sorted(QUALIFIERS_AFTER, key=len, reverse=True))

# 20多万, 十余万: 多/余 before 万 or 亿 is part of the number (more than 200,000); 数十, 上百: a vague count.
# "超过 720 万人": a space may stand before 万; a 万 or 亿 alone (no digit before it) is no number.
_NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?: ?[余多]?[万亿])?|{VAGUE}|[{_CN}]+点[{_CN}]+"
           rf"|(?![万亿])[{_CN}]+(?:[余多][万亿])?|半")  # 七十八点九万: Chinese numerals with a decimal point
MENTION = re.compile(
    rf"(?:(?P<before>{_BEFORE})(?:需要|需|要)? ?)?(?P<number>{_NUMBER})(?P<inside>[余多])?(?P<half>个半)?(?P<gap> )?(?P<unit>{_UNIT})"
    rf"(?P<after>{_AFTER})?")
PERCENT_WORDS = re.compile(rf"百分之(?P<number>[{_CN}点]+)")
# 九成 is 90 %, 五成八 58 %: a share in tenths (not 一成不变, a set phrase).
TENTHS = re.compile(rf"(?:(?P<before>{_BEFORE}))?(?<![{_CN}\d])(?P<tens>[一二两三四五六七八九]|\d)成(?P<ones>[一二三四五六七八九]|\d)?"
                    rf"(?![不就功为员果绩立效])(?P<after>以上|以下|左右|多)?")

# Set phrases whose numeral is part of a name, not a count (a counting unit follows, so only a list
# can tell them apart). Everything else numeric in a name sits inside quotes or lacks a unit.
NAME_PHRASES = ("八项规定", "两个维护", "两个确立", "四个意识", "四个舟山", "一件事", "三个区分开来",
                "四种形态", "两个责任", "两个全覆盖")
_RANGE_JOIN = re.compile(r"[到至~～—–\-、或]")


@dataclass(frozen=True)
class Mention:
    """A figure in the text: `start:end` is the whole span (qualifiers and unit included)."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    unit_word: str
    unit: str
    qualifier: str


def parse_number(text: str) -> float | None:
    """'305', '1,234', '1.2万', '三百零五', '两', '十五', '三千', '一万二千' → value; None if not one number."""
    text = text.strip().replace(" ", "")  # 720 万 is 720万
    for one, tens in TENS_IN_ONE.items():
        text = text.replace(one, tens)
    if not text:
        return None
    if re.fullmatch(VAGUE, text):
        return float(parse_number(text[1:]))
    if len(text) > 2 and text[-2] in "余多" and text[-1] in BIG_UNITS:
        text = text[:-2] + text[-1]  # 20多万 → 20万 (the qualifier says "more than")
    multiplier = 1
    if text[-1] in BIG_UNITS and any(c.isdigit() for c in text):
        multiplier, text = BIG_UNITS[text[-1]], text[:-1]
    if re.fullmatch(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", text):
        return float(text.replace(",", "")) * multiplier
    if text == "半":
        return 0.5
    if "点" in text:
        return _chinese_decimal(text)
    return _chinese(text)


def _chinese_decimal(text: str) -> float | None:
    """七十八点九万 → 789000, 三一四点四万 → 3144000: the whole part, its decimals digit by digit."""
    multiplier = BIG_UNITS.get(text[-1], 1)
    whole, _, decimals = text[:-1 if multiplier > 1 else None].partition("点")
    value = _chinese(whole)
    digits = [DIGITS.get(c) for c in decimals]
    if value is None or not digits or None in digits:
        return None
    return float(f"{value:g}." + "".join(map(str, digits))) * multiplier


def _chinese(text: str) -> float | None:
    if not text or any(c not in _CN for c in text):
        return None
    for big, size in sorted(BIG_UNITS.items(), key=lambda kv: -kv[1]):
        if big in text:
            high, _, low = text.partition(big)
            high_value = _chinese(high) if high else 1
            low_value = _chinese(low) if low else 0
            if high_value is None or low_value is None:
                return None
            return high_value * size + low_value
    if len(text) >= 3 and all(c in DIGITS for c in text) and text[0] not in "零〇○":
        return float("".join(str(DIGITS[c]) for c in text))  # 三七○四: digit by digit (a range is two: 三四)
    total, digit, last_unit = 0, None, 10_000
    for char in text:
        if char in DIGITS:
            if digit is not None and digit != 0 and DIGITS[char] != 0:
                return None  # 三四: two digits side by side are a range, not a number
            digit = DIGITS[char]
        else:
            size = SMALL_UNITS[char]
            if size >= last_unit:
                return None
            total += (1 if digit is None else digit) * size
            digit, last_unit = None, size
    return float(total + (digit or 0))


def mentions(text: str) -> list[Mention]:
    """Every figure stated in `text`, in order. Spans index `text` itself (verbatim by construction)."""
    found, quotes = [], QuotedNames(text)
    for match in MENTION.finditer(text):
        mention = _mention(text, match, quotes)
        if mention is not None:
            found.append(mention)
    quotes = QuotedNames(text)  # a second pass from the start
    for match in PERCENT_WORDS.finditer(text):
        whole, _, decimals = match["number"].partition("点")
        value = parse_number(whole)
        if value is not None and decimals:
            digits = [DIGITS.get(c) for c in decimals]
            value = None if None in digits else float(f"{value:g}." + "".join(map(str, digits)))
        if value is not None and not quotes.inside(match.start()):
            found.append(Mention(match.start(), match.end(), match.start("number"), match.end("number"), value,
                                 "百分之", "percent", "exact"))
    found = _with_tenths(text, found, quotes)
    found += _bare_magnitudes(text, found, quotes)
    return _share_units(text, sorted(found, key=lambda m: m.start))


def _with_tenths(text: str, found: list[Mention], quotes: QuotedNames) -> list[Mention]:
    """The shares said in tenths (超过九成, 五成八), in place of any figure read inside them (五成八人: not 8 people)."""
    tenths = []
    for match in TENTHS.finditer(text):
        if quotes.inside(match.start()):
            continue
        value = parse_number(match["tens"]) * 10 + (parse_number(match["ones"]) if match["ones"] else 0)
        qualifier = QUALIFIERS_BEFORE.get(match["before"] or "") or QUALIFIERS_AFTER.get(match["after"] or "") or "exact"
        tenths.append(Mention(match.start(), match.end(), match.start("tens"), match.end("ones") if match["ones"]
                              else match.end("tens") + 1, value, "成", "percent", qualifier))
    if not tenths:
        return found
    spans = [(m.start, m.end) for m in tenths]
    return [m for m in found if not any(a < m.end and m.start < b for a, b in spans)] + tenths


MONEY_BEFORE = re.compile(r"(?:受贿|行贿|贪污|挪用|金额|资金|赃款|损失|罚款|罚没|收受|款物|财物)[^，,。；;]{0,6}$")
# 办件量达83.56万, 受理信访举报2.1万余: a figure in 万 or 亿 with no measure word after it.
# 套取5万余元: a sum of yuan with 余 between 万 and 元.
BARE_MAGNITUDE = re.compile(rf"(?<![\d.,])(?P<number>\d+(?:\.\d+)?[余多]?[万亿])"
                            rf"(?:(?P<yuan>[余多]元)|(?P<inside>[余多])?(?![\d万亿元]|{_UNIT}))")


def _bare_magnitudes(text: str, found: list[Mention], quotes: QuotedNames) -> list[Mention]:
    """Figures in 万 or 亿 that no measure word follows: their unit is left for the phrasing (or the reviewer)."""
    taken = sorted((m.start, m.end) for m in found)
    bare = []
    for match in BARE_MAGNITUDE.finditer(text):
        at = bisect_right(taken, (match.start(), len(text))) - 1
        before = text[max(0, match.start() - 20):match.start()]
        if (at >= 0 and taken[at][1] > match.start()) or quotes.inside(match.start()) \
                or (at + 1 < len(taken) and taken[at + 1][0] < match.end()) \
                or CHANGED.search(before) or COMPARED_CHANGE.search(before):
            continue  # part of a figure with its measure word, a quoted name, or a change (增加3.2万)
        value = parse_number(match["number"])
        if value is not None:
            qualifier = QUALIFIERS_INSIDE.get((match["inside"] or match["yuan"] or "")[:1]) or _qualifier_within(match["number"])
            unit = ""
            if match["yuan"] or MONEY_BEFORE.search(before):  # 受贿就达5000万: in 万 (or 亿) yuan, as 5000万元 would be
                unit = "yuan_10k" if match["number"].endswith("万") else "yuan_100m"
                value /= BIG_UNITS[match["number"][-1]]
            bare.append(Mention(match.start(), match.end(), match.start("number"), match.end("number"), value, "", unit,
                                qualifier))
    return bare


BARE_ITEM = re.compile(r"(?<![\d.])(\d{1,7}(?:\.\d+)?)\s*、\s*$")  # "1.5、" before the next item of a list


def _share_units(text: str, found: list[Mention]) -> list[Mention]:
    """In a list the last item's unit is everyone's: 1.5个、3.2个、18.6个工作日 are all working days
    (the first two read alone as 个, items), and so are 1.5、3.2 in 1.5、3.2、18.6个工作日."""
    found = sorted(found + _bare_items(text, found), key=lambda m: m.start)
    for at in range(len(found) - 2, -1, -1):
        this, following = found[at], found[at + 1]
        if text[this.end:following.start] == "、" and following.unit_word != this.unit_word \
                and following.unit_word.startswith(this.unit_word):
            found[at] = replace(this, unit_word=following.unit_word, unit=following.unit)
    return found


def _bare_items(text: str, found: list[Mention]) -> list[Mention]:
    """The numbers without a unit that lead up to a figure in a list joined by 、 (1.5、3.2、18.6个工作日)."""
    items = []
    for mention in found:
        position = mention.start
        while (item := BARE_ITEM.search(text, max(0, position - 16), position)) is not None:
            value = float(item[1])
            items.append(Mention(item.start(1), item.end(1), item.start(1), item.end(1), value, mention.unit_word,
                                 mention.unit, "exact"))
            position = item.start()
    return items


def _mention(text: str, match: re.Match, quotes: QuotedNames | None = None) -> Mention | None:
    number = match["number"]
    start, end = match.start("number"), match.end("number")
    value = parse_number(number)
    if match["gap"] and not number[-1].isdigit():
        return None  # 2203 項 (a space some sites print between digits and the measure word); not 两 个
    if value is None or not _is_figure(text, match, value, quotes or QuotedNames(text)):
        return None
    qualifier = QUALIFIERS_BEFORE.get(match["before"] or "") or QUALIFIERS_INSIDE.get(match["inside"] or "") \
        or QUALIFIERS_AFTER.get(match["after"] or "") or _qualifier_within(number)
    if match["half"]:  # 一个半小时: one and a half
        value += 0.5
    unit = UNIT_WORDS[match["unit"]]
    if match["unit"] in ("个", "個"):
        unit = what_个_counts(text, match)
    elif match["unit"] == "条" and CASES_BEFORE.search(text, max(0, match.start() - 4), match.start()) \
            and text.endswith(("线索", "線索"), 0, match.start()):
        unit = "case"  # 移交问题线索26条: clues are cases; 问题199条 stay items
    elif match["unit"] in ("件", "件次") and TASKS_BEFORE.search(text, max(0, match.start() - 6), match.start()):
        unit = "item"  # 群众诉求708件, 民生实事6908件: requests and tasks are items, not cases
    elif match["unit"] == "家" and not ENTERPRISES_AFTER.match(text, match.end()) \
            and (ORGANISATIONS_AFTER.match(text, match.end()) or ORGANS_AFTER.match(text, match.end())
                 or PLACES_AFTER.match(text, match.end())):
        unit = "unit"  # 4家单位, 3家部门: organisations, not enterprises
    if unit == "hour" and value < 1:  # 半小时 is how people say thirty minutes
        value, unit = value * 60, "minute"
    return Mention(match.start(), match.end(), start, end, value, match["unit"], unit, qualifier)


def _listed(text: str, start: int) -> bool:
    """Whether 、 before the number joins a list (1.5、3.2、18.6个) rather than a range (三、五个, 3、5天):
    a range's ends are single digits."""
    return text[start - 1] == "、" and bool(re.search(r"(?:\d[\d.]+|\d\.\d+)、$", text[max(0, start - 12):start]))


def _qualifier_within(number: str) -> str:
    """A vague count (数十, 上百) is approximate; 20多万 is more than 200,000; else exact."""
    if re.fullmatch(VAGUE, number):
        return "approx"
    return "more_than" if len(number) > 2 and number[-2] in "余多" else "exact"


def _is_figure(text: str, match: re.Match, value: float, quotes: QuotedNames) -> bool:
    number = match["number"]
    start, end = match.start("number"), match.end("number")
    before = text[max(0, start - 1):start]
    chinese = not any(c.isdigit() for c in number)
    if before == "第" or text.endswith("第 ", 0, start) or quotes.inside(start):
        return False  # an ordinal, or part of a quoted name
    if match["unit"] == "日" and before and before in "年月号0123456789":
        return False  # 3月9日 is a date, not nine days
    if _is_change(text, match):
        return False  # 增长8%, 下降3个百分点, 排名前10位, 网站27日: a change, a rank or a day, not a count
    if chinese and number == "一" and not match["half"] and not match["before"]:
        return False  # 一 before a measure word is an article (一张凭证, 一个缩影), unless qualified: 至少一周
    if number == "半" and match["unit"] not in ("小时", "天", "个月"):
        return False
    if match["unit"] == "分" and (chinese or text[match.end("unit"):match.end("unit") + 1] == "之"):
        return False  # 百分之, 十分: a score is written in digits (95.3分)
    if before.isdigit() or (start > 0 and text[start - 1] in _CN and not chinese):
        return False
    if re.search(r"\d[-—]$", text[max(0, start - 6):start]) or re.match(r"[-—]\d", text[end:end + 2]):
        return False  # a phone number or a range written with dashes: 0580-2281234, 3-5天
    if not chinese and len(number.replace(",", "").split(".")[0]) >= 8:
        return False  # eight digits are a phone or a document number; 两万零七百六十八 (eight characters) is a count
    if _RANGE_JOIN.fullmatch(text[end:end + 1] or "x") and re.match(rf"(?:\d|[{_CN}])", text[end + 1:end + 2]):
        return False  # 一到两天, 3至5个: a range's low end
    if _RANGE_JOIN.fullmatch(text[start - 1:start] or "x") and start >= 2 and re.match(rf"(?:\d|[{_CN}])",
                                                                                       text[start - 2]) \
            and not _listed(text, start):
        return False  # its high end
    return not any(_covers(text, start, phrase) for phrase in NAME_PHRASES)


# 审批事项减少比例达46.7%, 时限提速达27%: a change as a share (not 实际提速92.80%, a speed-up measured)
# 精简率达56%: a share cut
_CHANGE_VERB = r"(?:(?:增长|下降|上升|减少|增加|降低|提高|提升|回落|增幅|降幅)了?|(?:增长|下降|减少|增加|降低|提高|压缩|压减|缩减)比例|提速(?=达)" \
    r"|(?:精简|压缩|压减|缩减|减少|削减|上升|增长|下降)率|同比(?:增|减|降|升))" \
    r"(?:高达|达到|达|为)?"
_LISTED = r"(?:[\d.]+[%％倍][、和及])*"  # 增长49.4%、5.0%和6.8%: every item of the list is a change
# A share or multiple changed (增长8%, 增幅高达36.6%), or one of a list of them, or a multiple of an
# earlier year's figure (是2013年的8.3倍、8.2倍).
CHANGE_BEFORE = re.compile(rf"{_CHANGE_VERB}{_LISTED}$")
# 压缩60%以上, 缩短50%, 平均减时间79%、减材料51%: by a share (压缩至…15% reaches one)
SHARE_CUT = re.compile(r"(?:压缩|缩短|压减|缩减)了?$|(?<![缩削精])减(?:少)?(?:时间|时限|材料|环节|跑动|成本|费用)(?:达|约)?$")
CHANGED = re.compile(rf"{_CHANGE_VERB}$")  # 增加3.2万: a change, with or without its measure word
TIMES_OF_BEFORE = re.compile(rf"的{_LISTED}$")  # 占总人次的70.9% is a share; 2013年的8.3倍 a comparison
# A count changed against another time (比上月减少0.28天, 较改革前增加12.7万人).
COMPARED_CHANGE = re.compile(rf"(?:比|较|與|与)[^，,；;。]{{0,12}}(?:{_CHANGE_VERB}|多出|少了|多了|多|少|提速)$")  # 比去年多出15起, 比上年多3件
# Rules and names, not statistics: 不得超过三个月 (a legal limit), 七届44次 (a meeting's number).
NOT_STATISTICS = re.compile(r"(?:不得|不应|不能)(?:超过|少于|低于|多于)$|届$"
                            # a rule's allowance (可延长5个工作日, 自受理之日起15个工作日内), a figure pointed
                            # back to (这4起, 上述12人: said before), a change (增加了47件)
                            r"|(?:可|可以)延长$|之日起[的，,]?$|(?:这|這|上述|前述)$|(?:增加|减少|增长|下降|上升|減少|增長|上升)了$"
                            r"|(?:须|須|应|應|应当|應當|必须|必須)(?:在|于|於)$")  # a rule's time limit: 须在5个工作日内
# 日 counts days only as a duration (15日内, 用时3日); else it is a day of the month (网站27日通报).
WINDOWS = ("个月", "月", "天", "日", "周", "个星期", "星期", "年")
DAYS_BEFORE = re.compile(r"(?:用时|时限|需要|需|缩短至|压缩至|缩短到|压缩到|减至|为期|期限|历时|耗时|提前|延长)$")


def _is_change(text: str, match: re.Match) -> bool:
    after = text[match.end("number"):match.end("number") + 4]
    if after.startswith(("个百分点", "百分点")):
        return True
    start = match.start()
    before = text[max(0, start - 30):start]
    if match["unit"] in ("%", "％", "倍") and (CHANGE_BEFORE.search(before) or SHARE_CUT.search(before)):
        return True
    if match["unit"] == "倍" and TIMES_OF_BEFORE.search(before):
        return True
    if COMPARED_CHANGE.search(text[max(0, start - 20):start]) or NOT_STATISTICS.search(text[max(0, start - 6):match.start("number")]) \
            or NOT_STATISTICS.search(text[max(0, start - 6):start]):
        return True
    if match["unit"] in WINDOWS + ("工作日", "个工作日") and text.endswith("提前", 0, start):
        return True  # 使企业提前5天: earlier by, a change
    if match["unit"] in WINDOWS and re.search(r"(?:为时|为期)$", text[max(0, start - 2):start]):
        return True  # 进行为时两个月的督查: the length of an activity (为期两期 still counts its sessions)
    if match["unit"] == "日" and not match["after"] and not DAYS_BEFORE.search(text[max(0, start - 4):start]):
        return True
    return match["unit"] in ("名", "位") and re.search(r"(?:排名|位列|位居|居)前$", text[max(0, start - 4):start]) is not None


def _covers(text: str, position: int, phrase: str) -> bool:
    """Whether an occurrence of `phrase` in `text` contains `position`."""
    first = max(0, position - len(phrase) + 1)
    return any(text.startswith(phrase, at) for at in range(first, position + 1))
