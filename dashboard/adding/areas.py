"""Where a figure counts: every area of China a bulletin can name, found in its text once.

The names come from data/gazetteer.csv (every province, prefecture and county by GB/T 2260 code) and
data/regions.csv (the package's own regions, which win on a shared code). A name is found where it is
a word of the gazetteer itself, by one Aho–Corasick pass (pyahocorasick) taking the longest name at
each place, so 杭州市西湖区 is 杭州市 then 西湖区, never 杭州 and 州市. Not jieba: its general dictionary
is loaded on first use (a cost the 1-second budget of a 10,000-character extraction need not carry), and
it cuts a place name it does not know as it likes; the gazetteer knows every name it must find.

Short forms (杭州, 西湖, 恩施州) are names without 市/区/县 (or an autonomous area's people). A province's
(山西) counts only in a national release, and never in a dateline (新华社北京). A prefecture's counts
anywhere; a county's only in the bulletin's own province (its context: the region given, else the first area the text names), since
two-character county names are also everyday words (和平, 新华, 长安). A name two places share (朝阳区,
鼓楼区) is the one inside the context, or none, said so. 全国 counts the country, and 全省/全市/全县/
全区 the context's own province, city or county; a 全国 or 全省 in a comparison or ranking (走在全国前列,
全国首批试点, 居全省第一) counts nothing. 本市 is 全市; 该市 is the city of the area named just before it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

import ahocorasick
import pandas as pd
from pypinyin import lazy_pinyin

REGION_COLUMNS = ("code", "name_zh", "name_en", "level", "parent")
COUNTRY = "100000"
SUFFIXES = "市区县"
# 全X: the level of the context it names (全区: a county's district, or an autonomous region).
SCOPES = {"全国": "country", "全省": "province", "全市": "city", "全州": "city", "全盟": "city", "全县": "county",
          "全区": "county", "全旗": "county", "本省": "province", "本市": "city", "本县": "county", "本区": "county",
          "该省": "province", "该市": "city", "该县": "county", "该区": "county"}  # 该市: of the area named last
# A 全国/全省 in a ranking or comparison, not the area counted: the word after it, or the one before.
INCIDENTAL_AFTER = ("前列", "首", "第", "前", "领先", "率先", "唯一", "平均", "同类", "示范", "排名", "最", "先进", "试点")
INCIDENTAL_BEFORE = ("居", "列", "于", "位", "走在", "超过", "高于", "低于", "比", "占")
# 新华社北京10月22日电, 中新网杭州, 本报北京8月27日电: the dateline's city, not the area counted.
DATELINE = ("社", "网", "本报")
DATELINE_AFTER = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|消息)")
# The peoples named in autonomous prefectures' and counties' names (恩施土家族苗族自治州: 恩施 before 土家).
ETHNIC = ("满", "蒙古", "回", "朝鲜", "畲", "土家", "苗", "瑶", "侗", "壮", "仫佬", "毛南", "黎", "羌", "彝", "藏", "仡佬",
          "布依", "水族", "傣", "哈尼", "纳西", "拉祜", "佤", "布朗", "白族", "景颇", "傈僳", "独龙", "怒", "普米", "裕固",
          "哈萨克", "保安", "东乡", "撒拉", "土族", "柯尔克孜", "塔吉克", "锡伯", "各族", "维吾尔")
# A place name followed by these is part of another name (高丝…杭州分公司, 杭州湾, 定海路), not an area.
NOT_AN_AREA_AFTER = ("分公司", "公司", "分行", "支行", "银行", "大学", "学院", "中学", "小学", "医院", "路", "街", "大道",
                     "湾", "港", "站", "机场", "日报", "晚报", "电视", "广播", "酒店", "宾馆", "饭店", "生产建设兵团",
                     "等", "、",  # 张北县、大名县等22个县: some of several named, not the area counted
                     "《")  # 北京《法制晚报》报道: the paper's city
# A short form followed by these is part of a township's or village's name (三棵榆树镇), not the county.
SHORT_NOT_AFTER = ("镇", "乡", "村", "街道", "社区")
# Words whose last character a place name may begin with: 其中山西 names 山西, not 中山.
ENDS_A_WORD = frozenset({"其中", "集中", "之中", "当中", "从中", "期中", "年中", "心中", "其实", "其他"})
# Words made of two level words: "37个乡镇" counts 乡镇, so the phrasing "{n}个乡" must not end inside it.
LEVEL_COMPOUNDS = frozenset({"乡镇", "乡村", "镇街", "镇村", "街镇", "村居", "村社", "县区", "区县", "县市", "市县", "市区",
                             "省市", "市州", "县乡", "乡街"})
# English names as pinyin of the name without its suffix, then the suffix's word.
ENGLISH_SUFFIXES = (("自治县", "Autonomous County"), ("自治州", "Autonomous Prefecture"), ("自治区", ""),
                    ("地区", "Prefecture"), ("林区", "Forest District"), ("特别行政区", ""), ("区", "District"),
                    ("县", "County"), ("旗", "Banner"), ("盟", "League"), ("省", ""))


@dataclass(frozen=True)
class Place:
    code: str
    name_zh: str
    level: str
    parent: str
    name_en: str = ""


@dataclass(frozen=True)
class Named:
    """One area name in a text: where it ends, as written, the places it may be, and whether short."""

    start: int
    end: int
    name: str
    codes: tuple[str, ...]
    short: bool = False


class Gazetteer:
    """The places a text may name, their names and short forms, and the package's own regions."""

    def __init__(self, regions: pd.DataFrame, gazetteer: pd.DataFrame | None = None):
        places = {}
        for frame in (gazetteer, regions):  # the package's own rows last: their names win
            if frame is not None:
                for row in frame.itertuples():
                    places[row.code] = Place(row.code, row.name_zh, row.level, row.parent or "",
                                             getattr(row, "name_en", "") or "")
        self.places, self.known = places, frozenset(regions["code"])
        self.names: dict[str, list[tuple[str, bool]]] = {}
        for place in places.values():
            # A two-character county (城区, 新县, 和县) is an everyday word too: counted like a short form.
            self.names.setdefault(place.name_zh, []).append((place.code, place.level == "county" and len(place.name_zh) < 3))
            for short in short_forms(place):
                self.names.setdefault(short, []).append((place.code, True))
        for scope in SCOPES:
            self.names[scope] = []

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for name in self.names:
            automaton.add_word(name, name)
        automaton.make_automaton()
        return automaton

    def lineage(self, code: str) -> list[str]:
        """The code and every area above it, nearest first."""
        chain = []
        while code in self.places and code not in chain:
            chain.append(code)
            code = self.places[code].parent
        return chain

    def find(self, text: str, context: str | None = None) -> list[Named]:
        """Every area named in `text` as a word (the longest name at each place), in order; a short form
        of a county only inside the context's province."""
        province = next((c for c in self.lineage(context or "") if self.places[c].level == "province"), None)
        found = []
        for last, name in self._longest_words(text):
            start = last + 1 - len(name)
            if text.startswith(NOT_AN_AREA_AFTER, last + 1):
                continue  # 杭州分公司, 杭州湾: a name in another name
            if DATELINE_AFTER.match(text, last + 1):
                continue  # 北京8月27日电: where the report was filed
            if name in SCOPES:
                if not _incidental(text, start, last + 1):
                    found.append(Named(start, last + 1, name, ()))
                continue
            codes = tuple(code for code, short in self.names[name] if not short or self._short_counts(code, context, province))
            short = all(s for _, s in self.names[name])
            if codes and not (short and (text.startswith(SHORT_NOT_AFTER, last + 1) or text.endswith(DATELINE, 0, start))):
                found.append(Named(start, last + 1, name, codes, short))
        return found

    def _longest_words(self, text: str) -> list[tuple[int, str]]:
        """The names in `text`, the longest at each place, left to right, not overlapping (as iter_long),
        leaving out a name whose first character ends a word (其中山西: 山西, not 中山)."""
        chosen, taken_to = [], -1
        matches = sorted(((last + 1 - len(name), -len(name), last, name) for last, name in self._automaton.iter(text)))
        for start, _, last, name in matches:
            if start > taken_to and not (start > 0 and text[start - 1:start + 1] in ENDS_A_WORD):
                chosen.append((last, name))
                taken_to = last
        return chosen

    def _short_counts(self, code: str, context: str | None, province: str | None) -> bool:
        """A short form counts for a prefecture anywhere, a province only in a national release (浙江 alone
        is mostly part of a name: 浙江自贸试验区), a county only in its own province or the package."""
        level = self.places[code].level
        if level == "province":
            return context == COUNTRY
        return level == "city" or code in self.known or (province is not None and province in self.lineage(code))

    def named_in(self, text: str, context: str | None) -> list[tuple[Named, str | None]]:
        """Every area named in `text` (find) with the place it means (None: several, the context none);
        a 该市 or 该县 means the one of the area named just before it, else the context's."""
        found, last = [], context
        for named in self.find(text, context):
            code = self.resolve(named, last if named.name.startswith("该") else context)
            if code is None and not named.codes and last != context:  # 湖北省…。全省… in a national release: Hubei
                code = self.resolve(named, last)
            if code or named.codes:  # a 全县 in a city's bulletin names nothing
                found.append((named, code))
                last = code or last
        return found

    def resolve(self, named: Named, context: str | None) -> str | None:
        """The one place a name means: a scope word's place in the context; of several places, the one
        inside the context's city, else its province, else the package's own; None when not one."""
        if not named.codes:
            return self._scope(named.name, context)
        if len(named.codes) == 1:
            return named.codes[0]
        chain = self.lineage(context or "")
        for above in chain[:3] if chain else ():
            inside = [code for code in named.codes if above in self.lineage(code) and code != above]
            if len(inside) == 1:
                return inside[0]
        known = [code for code in named.codes if code in self.known]
        return known[0] if len(known) == 1 else None

    def _scope(self, word: str, context: str | None) -> str | None:
        level = SCOPES[word]
        if level == "country":
            return COUNTRY
        for code in self.lineage(context or ""):
            place = self.places[code]
            if word == "全区" and place.name_zh.endswith("自治区"):
                return code
            municipality = place.level == "province" and place.name_zh.endswith("市")  # 北京市, 重庆市
            if place.level == level or (level == "city" and (municipality or place.level == "county" and place.name_zh.endswith("市"))):
                return code if not word.endswith("区") or place.name_zh.endswith("区") else None
        return None

    def context(self, heading: str, given: str | None) -> str | None:
        """The bulletin's own area: the given region, else the first the heading names that is one place."""
        if given:
            return given
        found, code = self.find(heading), None
        for at, named in enumerate(found):
            code = self.resolve(named, None)  # a name, or 全国 (全市 needs a context to mean anything)
            if code:  # then 舟山市定海区: the narrower area written right after it
                for after in found[at + 1:]:
                    inner = self.resolve(after, code) if after.codes and after.start == named.end else None
                    if not inner or code not in self.lineage(inner):
                        break
                    code, named = inner, after
                return code
        return None

    def new_regions(self, codes) -> pd.DataFrame:
        """regions.csv rows for the codes the package does not have, with every area above them up to
        one it has: code, name, an English name from pinyin where none is known, level and parent."""
        rows, seen = [], set()
        for code in codes:
            for above in self.lineage(code):
                if above in self.known or above in seen:
                    break
                seen.add(above)
                place = self.places[above]
                rows.append((above, place.name_zh, place.name_en or english_name(place), place.level, place.parent))
        rows.sort(key=lambda row: (len(self.lineage(row[0])), row[0]))  # parents before children
        return pd.DataFrame(rows, columns=list(REGION_COLUMNS))


def short_forms(place: Place) -> list[str]:
    """How bulletins shorten a prefecture's or county's name: without 市/区/县 (杭州, 西湖), and an autonomous
    one by its place name and level (恩施州, 黔东南州, 长阳县), a 地区 by its place name (阿里)."""
    name = place.name_zh
    if place.level == "province":  # 山西, 广西, 北京: counted only in a national release (find)
        for suffix in ("特别行政区", "自治区", "省", "市"):
            if name.endswith(suffix):
                name = name[:-len(suffix)]
                return [next((name[:i] for i in range(2, len(name)) if name.startswith(ETHNIC, i)), name)]
        return []
    if place.level not in ("city", "county"):
        return []
    if name.endswith(("自治州", "自治县")):
        at = next((i for i in range(2, len(name)) if name.startswith(ETHNIC, i)), None)
        return [name[:at] + name[-1]] if at else []
    if name.endswith("地区") and len(name) > 3:
        return [name[:-2]]
    return [name[:-1]] if len(name) > 2 and name[-1] in SUFFIXES else []


def english_name(place: Place) -> str:
    """'Xihu District' for 西湖区, 'Hangzhou' for 杭州市, 'Yiwu City' for the county-level 义乌市: pinyin,
    for a reviewer to correct (陕西 comes out as Shanxi, 朝阳 as Zhaoyang)."""
    name, word = place.name_zh, ""
    for suffix, english in ENGLISH_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name, word = name[:-len(suffix)], english
            if suffix.startswith("自治"):  # 恩施土家族苗族自治州: Enshi Autonomous Prefecture
                name = next((name[:i] for i in range(2, len(name)) if name.startswith(ETHNIC, i)), name)
            break
    else:
        if name.endswith("市") and len(name) > 2:
            name, word = name[:-1], ("City" if place.level == "county" else "")
    return " ".join(filter(None, ["".join(lazy_pinyin(name)).capitalize(), word]))


def cuts_a_word(text: str, at: int) -> bool:
    """True when `at` falls inside a word of two level words (乡|镇 in 37个乡镇): no phrase ends there."""
    return 0 < at < len(text) and text[at - 1:at + 1] in LEVEL_COMPOUNDS


def _incidental(text: str, start: int, end: int) -> bool:
    """走在全国前列, 全国首批试点, 居全省第一: a ranking or comparison, not the area a figure counts."""
    return text.startswith(INCIDENTAL_AFTER, end) or text.endswith(INCIDENTAL_BEFORE, 0, start)


class AreaIndex:
    """Every place an area is named in the text, found once (Gazetteer.find), in order, each with
    the one place it means in the bulletin's context (`context`: the given or first-named area)."""

    def __init__(self, text: str, gazetteer: Gazetteer, context: str | None = None):
        self.named, self.gazetteer, self.text = gazetteer.named_in(text, context), gazetteer, text
        self.ends = [named.end for named, _ in self.named]

    def last_before(self, start: int, end: int) -> tuple[Named, str | None] | None:
        """The last name within [start, end), and the place it means (None: several, the context none)."""
        at = bisect_right(self.ends, end) - 1
        if at >= 0 and self.named[at][0].start >= start:
            return self.named[at]
        return None

    def other_named(self, start: int, end: int, code: str) -> bool:
        """Whether a place other than `code` and the areas above it is named within [start, end)."""
        above = set(self.gazetteer.lineage(code)) if code else set()
        at = bisect_right(self.ends, end) - 1
        while at >= 0 and self.named[at][0].start >= start:
            if self.named[at][1] and self.named[at][1] not in above:
                return True
            at -= 1
        return False

    def place_named_before(self, start: int, end: int, code: str) -> Named | None:
        """The name of place `code` within [start, end), if the text names it there (舟山市…,全市…)."""
        at = bisect_right(self.ends, end) - 1
        while at >= 0 and self.named[at][0].start >= start:
            named, means = self.named[at]
            if named.codes and means == code:
                return named
            at -= 1
        return None


OWN_AREA = re.compile(r"我市|本市|我县|本县|我区|本区|我旗|本旗")


def _own_level(word: str, code: str) -> bool:
    """Whether 我市, 我县… names the area `code` itself: 市 a prefecture's city or a county-level one (GB/T 2260
    81–99), 县, 区, 旗 a county-level area (本市 in a district's bulletin is the city above it)."""
    county, last = not code.endswith("00"), int(code[4:]) if code[4:].isdigit() else 0
    return (not code.endswith("0000") and (not county or last >= 81)) if word.endswith("市") else county


def area_of(sentence: tuple[int, int], start: int, default: str, given: str | None, index: AreaIndex,
            paragraph_start: int | None = None) -> tuple[str, dict]:
    """The area's code and how it was found: 'named' (in the sentence, or 全市 meaning another than the
    default), 'carried' (none in the sentence: another area named earlier in the paragraph, from
    `paragraph_start`), 'ambiguous' (a name several places share, none in the context: left blank), 'given'
    (--region, or /add's choice), 'heading' (the first area the text names) or 'none'."""
    found = index.last_before(sentence[0], start)
    earlier = index.last_before(paragraph_start, sentence[0]) if paragraph_start is not None and not found else None
    if earlier and earlier[1] and earlier[1] != default:  # 武汉市…立案3200件。其中,…处级干部56人: still Wuhan's
        return earlier[1], {"how": "carried", "name": earlier[0].name}
    if found:
        named, code = found
        if code is None:
            return "", {"how": "ambiguous", "name": named.name, "codes": list(named.codes)}
        own = OWN_AREA.search(index.text, sentence[0], start) \
            if given and code != default and code in index.gazetteer.lineage(default) else None
        own = own if own and _own_level(own.group(), default) else None
        if own:  # 宁波市公布了名单,…我市…等3家企业: the bulletin's own area (宁波 above it names a list or a firm)
            return default, {"how": "named", "name": own.group()}
        if named.codes or code != default:
            return code, {"how": "named", "name": named.name}
        if place := index.place_named_before(sentence[0], named.start, default):  # 舟山市2019年,全市…
            return default, {"how": "named", "name": place.name}
        return default, {"how": "given" if given else "heading", "name": named.name}  # 全市: the bulletin's own
    if default:
        return default, {"how": "given" if given else "heading", "name": ""}
    return "", {"how": "none", "name": ""}
