"""Periods in Chinese prose ("今年1—11月份", "2019年", "一季度", "截至目前"), resolved against the
bulletin's date into the first and last day they cover.

The rules are those of data/README.md ("Periods"): 今年以来 runs from 1 January to the bulletin's
date; a cumulative figure with no stated start (截至目前, 先后, 近日) is a point in time at that date.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from dashboard.adding.numerals import parse_number
from dashboard.adding.quotes import QuotedNames

_M = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|元)"  # 元月 is January
_Y = r"(?:19|20)\d{2}"
_TO = r"[—–\-~～至到]"
QUARTERS = {"一季度": (1, 3), "第一季度": (1, 3), "二季度": (4, 6), "第二季度": (4, 6), "三季度": (7, 9),
            "第三季度": (7, 9), "四季度": (10, 12), "第四季度": (10, 12), "前三季度": (1, 9), "前三季": (1, 9), "上半年": (1, 6),
            "下半年": (7, 12), "全年": (1, 12)}
_PART = "|".join(sorted(QUARTERS, key=len, reverse=True))
# The party congresses a bulletin counts from ("十八大以来"): the day each opened, a fact about the world
# kept beside the words that name it (the congresses' own communiqués; data/README.md "Periods").
CONGRESSES = {"十八大": date(2012, 11, 15), "十九大": date(2017, 10, 18), "二十大": date(2022, 10, 16)}
# 中央八项规定出台以来: the Politburo adopted the eight-point rules on 4 December 2012 (its communiqué).
EIGHT_POINT_RULES = date(2012, 12, 4)
_D = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# (先后, one after another, dates nothing: the period before it in the paragraph governs, as for any figure)
POINT_WORDS = ("截至目前", "截至发稿", "到目前为止", "目前", "日前", "近日", "近期", "至今", "累计",
               "此次", "本次")  # 2017年,…下放68项。根据此次公布的清单,31项上收: now, not 2017

BEGUN = ("开展以来", "启动以来", "实施以来", "部署以来", "开始以来")  # since a campaign began: _since_begun

PATTERN = re.compile("|".join([
    # 4月中旬至5月中旬, 从6月下旬开始: 上旬, 中旬, 下旬 are the 1st–10th, 11th–20th and 21st to the month's end
    (rf"(?:(?P<xun_year>{_Y})年|今年|(?P<xun_last>去年))?(?P<xun_month>{_M})月(?P<xun>[上中下]旬)"
     rf"(?:{_TO}(?:(?P<xun_end_year>{_Y})年)?(?P<xun_end_month>{_M})月(?P<xun_end>[上中下]旬))?(?P<xun_since>开始|以来)?"),
    (rf"(?:(?P<days_year>{_Y})年|今年)?(?P<days_month>{_M})月(?:(?P<days_day>{_D})[日号])?{_TO}"
     rf"(?:(?P<days_next>次年)|(?P<days_end_year>{_Y})年)?(?P<days_end_month>{_M})月(?P<days_end_day>{_D})[日号]"),
    rf"(?:(?P<day_year>{_Y})年|(?P<day_this>今年)|(?P<day_last>去年))?(?P<day_month>{_M})月(?P<day>{_D})[日号]",
    (rf"(?P<as_of>截至|截止到|截止|到)(?:(?P<as_of_year>{_Y})年|今年|(?P<as_of_last>去年))?"
     rf"(?:(?P<as_of_month>{_M})月(?:(?P<as_of_day>{_D})[日号]|底|末)?|年?底|年?末)"),
    rf"(?P<years>{_Y})(?:年(?:(?P<years_month>{_M})月份?)?)?{_TO}(?P<years_end>{_Y})年"
    rf"(?:(?P<years_end_month>{_M})月(?:底|末|份)?)?",
    rf"(?P<congress>{'|'.join(CONGRESSES)})(?:召开)?(?:以来|至今(?!年))",
    r"(?P<rules>八项规定(?:精神)?(?:出台|实施|颁布|制定|印发)[^，,。；;\d]{0,4}?以来)",
    # 今年前4月, 前5个月: from 1 January to the month's end
    rf"(?:(?P<first_year>{_Y})年|今年|(?P<first_last>去年))?前(?P<first_months>{_M})个?月份?",
    # 自2017年4月成立巡察组以来, 去年10月开始, 从元月份开始: from that month's first day to the bulletin's date
    # (not 去年11月召开的十八大以来: the congress is the start)
    (rf"(?:(?P<from_year>{_Y})年|(?P<from_this>今年)|(?P<from_last>去年))?(?P<from_month>{_M})月份?"
     rf"(?:(?:开始|起)(?![\u4e00-\u9fff]{{0,2}}[至到])|(?:(?!{'|'.join(CONGRESSES)})[^，,。；;\d月]){{1,12}}?以来)"),
    # 工作始于2016年底: a start, which a later 截至 closes (始于2016年底,截止2018年10月)
    rf"(?:始于|开始于|起始于)(?P<began>{_Y})年(?:(?P<began_month>{_M})月|(?P<began_end>底|末))?",
    rf"(?P<since>{_Y})年(?:(?P<since_month>{_M})月(?:份)?)?(?:以来|至今(?!年))",  # not 至今年3月
    rf"(?:(?P<range_year>{_Y})年|今年|(?P<range_last>去年))?(?P<month_from>{_M})月?{_TO}(?P<month_to>{_M})月份?",
    rf"(?:(?P<month_year>{_Y})年|(?P<month_this>今年)|(?P<month_last>去年))(?P<month>{_M})月份?(?![\d日号])",
    # 3月份, 7月, with no year (a monthly release's month): the latest such month by the bulletin's date
    rf"(?<![\d年月至到—–\-~～、])(?P<bare_month>{_M})月(?:份|(?=[，,]|一个月|一個月))",
    rf"(?:(?P<part_year>{_Y})年|(?P<part_this>今年)|(?P<part_last>去年))?(?P<part>{_PART})",
    rf"(?P<year>{_Y})年(?:度)?(?!{_M}月|[一二三四五六七八九十]|以来|至今)",  # 2024年270.3万件: the year's figure
    r"(?P<since_last>去年以来|去年至今)",
    r"(?P<ytd>今年以来|今年来|年初以来|今年)",
    r"(?P<last_year>去年|(?<!以)上一?年度?(?![龄齡纪紀轻輕]))",  # 比上年同期298件; not 60岁以上年龄
    r"(?P<last_month>上个?月)(?![底末]|\d)",  # 上月全国查处…: a monthly release's month, the one before its date
    r"(?P<vague>近(?:\d|[一二三四五六七八九十])年(?:来|以来)?|近年(?:来|以来)|多年来|一年多来|以往)",
    # 集中治理行动开展以来: since a campaign began, which only an earlier start in the text can date
    "(?P<begun>" + "|".join(BEGUN) + ")",
    "(?P<point>" + "|".join(sorted(POINT_WORDS, key=len, reverse=True)) + ")(?!年)",  # 至今年3月: 至 今年3月
]))


@dataclass(frozen=True)
class Period:
    """A period phrase at `start:end` of the text; `first`/`last` None when it cannot be pinned down."""

    start: int
    end: int
    words: str
    first: date | None
    last: date | None
    compared: bool = False  # named to compare with (比去年同期): it dates only a figure in its own clause

    @property
    def open_start(self) -> bool:
        """今年以来, 十八大以来, 2013年以来: a start that a later 截至 may close."""
        return self.words.endswith(("以来", "至今", "今年来", "开始", "起")) \
            or self.words.startswith(("始于", "开始于", "起始于"))


# A period named to compare with (比去年同期, 与2019年相比, 较上年) is not the figures' period.
COMPARED_BEFORE = re.compile(r"(?:比|较|与|和|同|相比|比起|对比)$")
COMPARED_AFTER = ("同期", "相比", "比", "同比")
TIMES_OF = re.compile(r"的[\d.一二三四五六七八九十]+倍")  # 分别是2013年的8.3倍


def find_periods(text: str, on: date | None) -> list[Period]:
    """Every period phrase in `text`, resolved against the bulletin's date `on` (None: relative
    phrases such as 今年 stay unresolved); a comparison's (比去年同期) is marked `compared`."""
    names = QuotedNames(text)  # 《2022年度工作要点》: a year in a title names the document, not a period
    found = [Period(m.start(), m.end(), m.group(), *_resolve(m, on), _compared(text, m)) for m in PATTERN.finditer(text)
             if not names.inside(m.start()) and not OCCURRED.search(text, max(0, m.start() - 3), m.start())]
    return [_since_begun(found, i) if p.words in BEGUN else p for i, p in enumerate(found)]


def _since_begun(found: list[Period], at: int) -> Period:
    """开展以来 starts where the last start said before it did (去年10月开始,…行动。…行动开展以来), else at no
    day anyone could check: unpinned, never the bulletin's date as a point."""
    began = next((p for p in reversed(found[:at]) if p.open_start and p.first and not p.compared), None)
    period = found[at]
    return Period(period.start, period.end, period.words, began.first if began else None,
                  period.last if began else None)


# 违纪行为发生在2013年的1341起: the year the breach happened sorts the figure; it is not the period counted over
OCCURRED = re.compile(r"发生(?:在|于)?$")


def outside_periods(figures: list, found: list[Period]) -> list:
    """The figures (numerals.Mention) that are no part of a period phrase: 前5个月 names a period, it
    counts no months."""
    starts = [p.start for p in found]

    def inside(mention) -> bool:
        at = bisect_right(starts, mention.number_start) - 1
        return at >= 0 and found[at].first is not None and mention.number_end <= found[at].end
    return [m for m in figures if not inside(m)]


def period_dates(period: Period | None, on: date | None) -> tuple[str, str, dict]:
    """Start, end, and how they were found: 'stated' (the words), 'unpinned' (words no dates fit),
    'bulletin_date' (no period stated: as of the bulletin's date) or 'none' (neither)."""
    if period is None:
        if on is None:
            return "", "", {"how": "none", "words": ""}
        return on.isoformat(), on.isoformat(), {"how": "bulletin_date", "words": ""}
    if period.first is None:
        return "", "", {"how": "unpinned", "words": period.words}
    return period.first.isoformat(), period.last.isoformat(), {"how": "stated", "words": period.words}


def _compared(text: str, m: re.Match) -> bool:
    return bool(COMPARED_BEFORE.search(text[max(0, m.start() - 2):m.start()])) \
        or text.startswith(COMPARED_AFTER, m.end()) or bool(TIMES_OF.match(text, m.end()))


def _resolve(m: re.Match, on: date | None) -> tuple[date | None, date | None]:
    this_year = on.year if on else None
    g = m.groupdict()
    if g["days_month"]:
        return _day_range(g, on)
    if g["xun_month"]:
        return _xun(g, on)
    if g["day_month"] and not g["as_of"]:  # 5月28日, a day something was done: a point
        year = int(g["day_year"]) if g["day_year"] else _relative(this_year, g["day_last"])
        return (_day(year, _month(g["day_month"]), g["day"]),) * 2
    if g["as_of"]:
        year = int(g["as_of_year"]) if g["as_of_year"] else _relative(this_year, g["as_of_last"])
        month = _month(g["as_of_month"]) if g["as_of_month"] else 12
        if g["as_of_day"]:  # 截至3月9日 is that day, not the month's end
            return (_day(year, month, g["as_of_day"]),) * 2
        return (_month_end(year, month),) * 2 if year and month else (None, None)
    if g["congress"]:
        return (CONGRESSES[g["congress"]], on) if on else (None, None)
    if g["begun"]:
        return (None, on) if on else (None, None)  # the start: _since_begun
    if g["rules"]:
        return (EIGHT_POINT_RULES, on) if on else (None, None)
    if g["first_months"]:
        year = int(g["first_year"]) if g["first_year"] else _relative(this_year, g["first_last"])
        last = _month(g["first_months"])
        if not (year and last):
            return None, None
        year -= _not_yet_over(m, on, last)
        return date(year, 1, 1), _month_end(year, last)
    if g["from_month"]:
        month = _month(g["from_month"])
        year = int(g["from_year"]) if g["from_year"] else _relative(this_year, g["from_last"])
        if not (year and month and on):
            return None, None
        if not (g["from_year"] or g["from_this"] or g["from_last"]) and date(year, month, 1) > on:
            year -= 1  # 从元月份开始 in a bulletin of January 2018: that January
        return (date(year, month, 1), on) if date(year, month, 1) <= on else (None, None)
    if g["years"]:  # 2016—2018年, 2013年至2017年9月, 2012年7月至2017年4月
        first_month = _month(g["years_month"]) if g["years_month"] else 1
        end_month = _month(g["years_end_month"]) if g["years_end_month"] else 12
        return date(int(g["years"]), first_month, 1), _month_end(int(g["years_end"]), end_month)
    if g["began"]:
        month = 12 if g["began_end"] else (_month(g["began_month"]) if g["began_month"] else 1)
        return (date(int(g["began"]), month or 1, 1), on) if on else (None, None)
    if g["since"]:  # 2013年以来, 2013年7月至今: from that year's (or month's) first day to the bulletin's date
        month = _month(g["since_month"]) if g["since_month"] else 1
        return (date(int(g["since"]), month or 1, 1), on) if on else (None, None)
    if g["month_from"]:
        year = int(g["range_year"]) if g["range_year"] else _relative(this_year, g["range_last"])
        first, last = _month(g["month_from"]), _month(g["month_to"])
        if not (year and first and last and first <= last):
            return None, None
        year -= _not_yet_over(m, on, last)
        return date(year, first, 1), _month_end(year, last)
    if g["month"]:
        year = int(g["month_year"]) if g["month_year"] else _relative(this_year, g["month_last"])
        month = _month(g["month"])
        return (date(year, month, 1), _month_end(year, month)) if year and month else (None, None)
    if g["bare_month"]:
        month = _month(g["bare_month"])
        if not (on and month):
            return None, None
        year = on.year if month <= on.month else on.year - 1
        return date(year, month, 1), _month_end(year, month)
    if g["part"]:
        year = int(g["part_year"]) if g["part_year"] else _relative(this_year, g["part_last"])
        first, last = QUARTERS[g["part"]]
        year = year - _not_yet_over(m, on, last) if year else year
        return (date(year, first, 1), _month_end(year, last)) if year else (None, None)
    if g["year"]:
        return date(int(g["year"]), 1, 1), date(int(g["year"]), 12, 31)
    if g["since_last"]:  # 去年以来: from the first day of last year to the bulletin's date
        return (date(on.year - 1, 1, 1), on) if on else (None, None)
    if g["ytd"]:
        return (date(on.year, 1, 1), on) if on else (None, None)
    if g["last_month"]:
        if on is None:
            return None, None
        year, month = (on.year, on.month - 1) if on.month > 1 else (on.year - 1, 12)
        return date(year, month, 1), _month_end(year, month)
    if g["last_year"]:
        return (date(on.year - 1, 1, 1), date(on.year - 1, 12, 31)) if on else (None, None)
    if g["point"]:
        return on, on
    return None, None  # 近三年来, 多年来: no first day anyone could check


def _not_yet_over(m: re.Match, on: date | None, last_month: int) -> int:
    """1 when a span of months named with no year (全年, 上半年, 1—11月) would end in a later month than
    the bulletin's: one reported in January is last year's (全年 in a January report), 0 otherwise."""
    said_year = m.group().startswith(("今年", "去年")) or re.match(_Y, m.group())
    return int(bool(on and not said_year and on.month < last_month))


def _day_range(g: dict, on: date | None) -> tuple[date | None, date | None]:
    """6月2日至次年3月1日, 2020年6月2日至2021年3月1日: the first day and the last. With no year,
    the latest such range that ends by the bulletin's date."""
    year = int(g["days_year"]) if g["days_year"] else (on.year if on else None)
    if year is None:
        return None, None
    end_year = int(g["days_end_year"]) if g["days_end_year"] else year + (1 if g["days_next"] else 0)
    first = _day(year, _month(g["days_month"]), g["days_day"] or "1")  # 一月至九月十六日: from the month's first day
    last = _day(end_year, _month(g["days_end_month"]), g["days_end_day"])
    if first and last and not g["days_year"] and on and last > on:
        first, last = _day(year - 1, first.month, str(first.day)), _day(end_year - 1, last.month, str(last.day))
    return (first, last) if first and last and first <= last else (None, None)


XUN_FIRST = {"上旬": 1, "中旬": 11, "下旬": 21}


def _xun(g: dict, on: date | None) -> tuple[date | None, date | None]:
    """4月中旬 (11–20 April), 4月中旬至5月中旬 (11 April to 20 May), 6月下旬开始 (21 June to the bulletin's date).
    With no year, the latest such that starts by the bulletin's date."""
    year = int(g["xun_year"]) if g["xun_year"] else _relative(on.year if on else None, g["xun_last"])
    month = _month(g["xun_month"])
    if not (year and month):
        return None, None
    if not (g["xun_year"] or g["xun_last"]) and on and date(year, month, XUN_FIRST[g["xun"]]) > on:
        year -= 1
    first = date(year, month, XUN_FIRST[g["xun"]])
    if g["xun_since"]:
        return (first, on) if on and on >= first else (None, None)
    end_month = _month(g["xun_end_month"]) if g["xun_end"] else month
    end_year = int(g["xun_end_year"]) if g["xun_end_year"] else year
    if not end_month:
        return None, None
    end_word = g["xun_end"] or g["xun"]
    last = _month_end(end_year, end_month) if end_word == "下旬" else date(end_year, end_month, XUN_FIRST[end_word] + 9)
    return (first, last) if first <= last else (None, None)


def _day(year: int | None, month: int | None, day: str) -> date | None:
    number = parse_number(day)
    try:
        return date(year, month, int(number)) if year and month and number else None
    except ValueError:
        return None  # 2月30日


def _relative(this_year: int | None, last: str | None) -> int | None:
    if this_year is None:
        return None
    return this_year - 1 if last else this_year


def _month(text: str) -> int | None:
    value = 1 if text == "元" else parse_number(text)
    return int(value) if value and 1 <= value <= 12 else None


def _month_end(year: int | None, month: int | None) -> date | None:
    if not (year and month):
        return None
    return date(year, month, calendar.monthrange(year, month)[1])
