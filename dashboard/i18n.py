"""Every label in both languages: one dictionary, one `t(key, lang)`; value and period wording."""
from __future__ import annotations

from datetime import date

import pandas as pd

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
# Shown on the language switch and written into the URL by Streamlit's query binding.
LANG_LABELS = {"zh": "中文", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("清廉看板", "Qinglian Dashboard"),
    "app.tagline": ("把清廉建设通报中的数字整理成有出处、可筛选的数据。",
                    "Clean-government figures from official bulletins, each with its source."),
    "sidebar.lang": ("语言 / Language", "语言 / Language"),
    "sidebar.region": ("地区", "District"),
    "page.overview": ("概览", "Overview"),
    "overview.headline": ("执纪审查主要数字", "Headline enforcement figures"),
    "overview.headline_caption": ("所选地区公布的最新数字;每个数字下注明时期与出处。",
                                  "Latest published figures for the selected area, each with its period and source."),
    "overview.none": ("{region}:未公布 / not reported。该地区暂无公布的执纪审查数字。",
                      "{region}: 未公布 / not reported. No enforcement figure has been published for this area."),
    "overview.holdings": ("本看板收录 {facts} 个数字、{events} 个事件,来自 {sources} 个出处。",
                          "This dashboard holds {facts} figures and {events} events from {sources} sources."),
    "source": ("出处", "Source"),
    "sources": ("出处与原文", "Sources and quotes"),
    "quote": ("原文", "Quote"),
    "not_reported": ("未公布", "not reported"),
    "notice.bad_param": ("链接中的参数 {param}={value} 无法识别,已显示默认视图。",
                         "The link's {param}={value} is not recognised; showing the default view."),
    "error.data": ("数据文件有误,无法显示。请联系维护者。", "The data files are invalid, so nothing can be shown. Please tell the maintainers."),
}

UNITS: dict[str, tuple[str, str]] = {
    "case": ("件", "cases"), "person": ("人", "people"), "item": ("项", "items"),
    "office": ("个", "offices"), "enterprise": ("家", "enterprises"), "batch": ("批次", "batches"),
    "problem": ("个", "problems"), "county": ("个", "counties"), "percent": ("%", "%"),
    "times": ("倍", "×"), "month": ("个月", "months"), "day": ("天", "days"),
    "working_day": ("个工作日", "working days"), "hour": ("小时", "hours"), "minute": ("分钟", "minutes"),
    "score": ("分", "points"), "yuan_10k": ("万元", "× 10,000 yuan"), "yuan_100m": ("亿元", "× 100 million yuan"),
    "unit": ("个", "units"),
}


def t(key: str, lang: str, **values) -> str:
    text = TEXT[key][LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**values) if values else text


def unit_label(unit: str, lang: str) -> str:
    zh, en = UNITS.get(unit, (unit, unit))
    return zh if lang == "zh" else en


def format_number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def format_value(value: float, qualifier: str, unit: str, lang: str) -> str:
    """'约3个月' / 'about 3 months', '不到30分钟' / 'under 30 minutes', '20多个' / '20+'."""
    number, unit_text = format_number(value), unit_label(unit, lang)
    if lang == "zh":
        return {"approx": f"约{number}{unit_text}", "more_than": f"{number}多{unit_text}",
                "less_than": f"不到{number}{unit_text}"}.get(qualifier, f"{number}{unit_text}")
    tight = unit in {"percent", "times"}  # '100%' and '5×', not '100 %'
    joined = f"{number}{unit_text}" if tight else f"{number} {unit_text}"
    return {"approx": f"about {joined}", "more_than": f"{number}+ {unit_text}".replace("+ %", "+%"),
            "less_than": f"under {joined}"}.get(qualifier, joined)


def format_period(start, end, lang: str) -> str:
    """'2018年1—11月' / 'Jan–Nov 2018'; a point in time reads '截至…' / 'as of …'."""
    start, end = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    if start == end:
        return f"截至{_zh_day(end)}" if lang == "zh" else f"as of {_en_day(end)}"
    whole_months = start.day == 1 and (pd.Timestamp(end) + pd.Timedelta(days=1)).day == 1
    if whole_months and start.year == end.year:
        if start.month == 1 and end.month == 12:
            return f"{end.year}年" if lang == "zh" else f"{end.year}"
        if start.month == end.month:
            return f"{end.year}年{end.month}月" if lang == "zh" else f"{_month(end)} {end.year}"
        return (f"{end.year}年{start.month}—{end.month}月" if lang == "zh"
                else f"{_month(start)}–{_month(end)} {end.year}")
    return f"{_zh_day(start)}—{_zh_day(end)}" if lang == "zh" else f"{_en_day(start)} – {_en_day(end)}"


def _zh_day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _en_day(d: date) -> str:
    return f"{d.day} {_month(d)} {d.year}"


def _month(d: date) -> str:
    return d.strftime("%b")
