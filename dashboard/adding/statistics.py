"""Whether a figure is a statistic: a count of things done or found in a period, not a number that only
counts the items of a list just named (监督、调查、处置三项职责; 阵地建设和机制完善两个方向) or a few
aspects (从三个方面入手), nor a plan's target (主要目标…压缩至90个工作日以内; 到2019年12月底, written before that day).

Such numbers are figures to `numerals.mentions` (a numeral and a measure word) but no row a reviewer
would keep, so `candidates` does not propose them. Pure functions over the text.
"""
from __future__ import annotations

import re
from datetime import date

from dashboard.adding.numerals import DIGITS

CLAUSE_START = re.compile(r"[，,；;。！？!?：:\n（(]")
LIST_JOINS = re.compile(r"、|和|与|及|與")
# Words that hold 和, 与 or 及 without joining two items (参与, 及时): taken out before the joins are counted.
NOT_JOINS = re.compile(r"参与|參與|给与|涉及|危及|普及|及时|及時|及早|和谐|和諧|和平|与会|與會")
MAX_LISTED = 10  # a list longer than this is not written out item by item before its count
# A sentence that names a plan's aim (目标, 力争): its figures are what is aimed at, not what was done. Not
# 目标责任(书) or 目标考核, which are things done and counted; not 争取 or 计划, which bulletins also use of
# what was won or done (争取资金1.2亿元, 计划生育).
PLAN_WORDS = re.compile(r"(?:目标|目標)(?!责任|責任|管理|考核)|力争|力爭"
                        r"|预计|預計|将(?:达到|达|超过|突破|实现|完成)|將(?:達到|達|超過|突破|實現|完成)"  # a forecast
                        r"|底前"  # 2024年底前分别达到25%: a deadline
                        r"|如果|假如|假设|假設|倘若"  # a hypothetical example (如果一个项目审批要9个工作日…就要11天)
                        r"|力求|拟(?:创建|建成|新建|开展|投入|完成|实现)|擬(?:創建|建成|新建|開展|投入|完成|實現)"  # an aim
                        r"|计划(?:到|在|于)|計劃(?:到|在|於)|明年|争创(?<!成功争创)|爭創(?<!成功爭創)"
                        # a quota: 计划认定…100所左右, 可推荐的具体指标为:杭州市15所
                        r"|(?:计划|計劃)(?:认定|認定|评选|評選|创建|創建|培育|建成|新建)"
                        r"|(?:推荐|推薦|分配|下达|下達)[^。；;]{0,8}(?:指标|指標|名额|名額)"
                        r"|要求[^。；;]{0,24}(?:内|以内|前)(?:完成|办结|整改|答复|上报|报送)"  # a rule's deadline
                        r"|要求在[^。；;]{0,12}(?:之内|以内|内)"  # 要求在1个月之内将…报送
                        # what a rule or guideline lays down (规定…审批时间不超过90天), a plan's tasks (主要任务)
                        r"|(?:规定|規定)[^。；;]{0,60}(?:不超过|不超過|不得超过|不得超過|不多于|不多於)|主要任务|主要任務"
                        r"|限时办结制|限時辦結制")  # 严格执行限时办结制,…在5个工作日内办结: the rule's limit


def counts_a_list(text: str, number_start: int, number_end: int, value: float) -> bool:
    """Whether the figure, written in Chinese numerals (三项, 两个), is the number of the items listed
    right before it in its clause: 监督、调查、处置三项 (3 items), 纪委、检察院两家 (2)."""
    number = text[number_start:number_end]
    if not number or any(c not in DIGITS for c in number) or not 2 <= value <= MAX_LISTED:
        return False
    starts = [m.end() for m in CLAUSE_START.finditer(text, max(0, number_start - 80), number_start)]
    clause = text[starts[-1] if starts else max(0, number_start - 80):number_start]
    return len(LIST_JOINS.findall(NOT_JOINS.sub("", clause))) + 1 == value


# What a few are counted of when the count only frames what follows (从三个方面入手, 在5个领域开展): a
# list of fields, not a count of things done or found.
ASPECTS = ("方面", "环节", "層面", "层面", "维度", "維度", "领域", "領域", "方向", "步骤", "步驟")
MAX_ASPECTS = 10


# 10个容易出现问题的重点领域: the aspects after a short phrase describing them
DESCRIBED_ASPECTS = re.compile(r"[^，,。；;、！？!?]{0,12}的(?:重点|主要|关键|突出|薄弱)?(?:" + "|".join(ASPECTS) + ")")


def counts_aspects(text: str, end: int, value: float) -> bool:
    """Whether the figure ending at `end` (its measure word included) counts a few aspects or fields."""
    return value <= MAX_ASPECTS and (text.startswith(ASPECTS, end) or bool(DESCRIBED_ASPECTS.match(text, end)))


# A sum that bounds a class of projects (总投资5000万元以上的项目, 过100万的190个, 5亿元—10亿元): a threshold, not
# a statistic. Only sums: a share so worded (85%以上的企业) is one.
THRESHOLD_AFTER = re.compile(r"(?:及)?(?:以上|以下)[、和]|(?:及)?(?:以上|以下)?(?:的|项目|項目|[—–\-~～])")
RANGES = "—–-~～"
SUMS = ("yuan_10k", "yuan_100m", "")


def is_threshold(text: str, start: int, end: int, unit: str) -> bool:
    """Whether the sum at `start:end` bounds a class (…以上的项目, 5亿元—10亿元) rather than counts money."""
    return unit in SUMS and (bool(THRESHOLD_AFTER.match(text, end)) or text[start - 1:start] in RANGES and start > 0)


def is_plan(sentence: str, period_words: str, period_last: date | None, on: date | None) -> bool:
    """Whether the figure's sentence names a plan, or its period is a deadline (到…) after the bulletin's
    date (到2019年12月底 in a bulletin of April 2019): what was aimed at, not yet done. A year that has
    not ended (2024年 in October 2024) is no deadline: its figures so far are a statistic."""
    deadline = period_words.startswith("到") and period_last is not None and on is not None and period_last > on
    later = on is not None and any(int(year) > on.year for year in LATER_YEAR.findall(sentence))  # 到2025年,…达到90%
    return bool(PLAN_WORDS.search(ACHIEVED_AIM.sub("", sentence))) or deadline or later


# An aim already reached (已实现审批时间…由平均200多个工作日压缩到120个工作日之内的目标): its figures are done.
ACHIEVED_AIM = re.compile(r"(?:已|已经|已經)(?:实现|實現|达到|達到|完成)[^。；;！？]{0,60}?(?:目标|目標)")


LATER_YEAR = re.compile(r"(?:到|至|於|于)(\d{4})年")
