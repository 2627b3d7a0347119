"""The words of /add's review table, in 中文 and English: merged into i18n.TEXT (read them with `t`),
kept here so i18n.py stays short enough to read in one sitting."""
from __future__ import annotations

REVIEW_TEXT: dict[str, tuple[str, str]] = {
    "add.col_accept": ("接受", "Accept"), "add.col_part": ("部分数", "Part of a total"),
    "add.col_period": ("时期", "Period"), "add.part_yes": ("总数中的一部分", "part of a total"),
    "confidence.low": ("低", "low"), "confidence.medium": ("中", "medium"), "confidence.high": ("高", "high"),
    "add.order_help": ("把握低的行排在前面,其次是中、高;勾选“接受”的行才进入检查和下载。“高”不等于一定对:"
                       "在没见过的公报上,仍有一些高把握的行某一项有误,接受前请对照下方的“逐项依据”看一遍。",
                       "Least certain rows first (low, then medium, then high); only rows ticked “Accept” are checked "
                       "and downloaded. “High” is not a guarantee: on bulletins it has not seen, some high rows still "
                       "get one field wrong, so check them against “Why, field by field” below before accepting."),
    "add.accept_high": ("接受全部高把握的行({n} 行)", "Accept all high-confidence rows ({n})"),
    "add.accepted": ("已接受 {n} 行,共 {total} 行。", "{n} of {total} rows accepted."),
    "add.none_accepted": ("还没有接受任何行:勾选“接受”,或点“接受全部高把握的行”。",
                          "No row accepted yet: tick “Accept”, or press “Accept all high-confidence rows”."),
    "add.why_fields": ("逐项依据", "Why, field by field"),
    "add.why_fields_help": ("每个字段是怎么定的,一格一句;行的次序与上表相同。",
                            "How each field was decided, one line per cell; rows in the table's order."),
    # One short line per field, after the field's name ("地区：文中的“定海区”").
    "whyf.value": ("“{figure}”", "“{figure}”"),
    "whyf.exact": ("无限定词,为确数", "no qualifier word: exact"),
    "whyf.qualifier": ("“{figure}”读作{qualifier}", "“{figure}” read as {qualifier}"),
    "whyf.unit_phrase": ("说法“{phrase}”", "the wording “{phrase}”"),
    "whyf.unit_word": ("“{figure}”中的量词", "the measure word in “{figure}”"),
    "whyf.indicator": ("说法“{phrase}”→{indicator}", "the wording “{phrase}” → {indicator}"),
    "whyf.context": ("(同一分句有“{words}”)", " (with “{words}” in the clause)"),
    "whyf.part": ("总数中的一部分(“{words}”)", "part of a total (“{words}”)"),
    "whyf.field_subset": ("但只计一个领域或一项专门工作,不是全地区的“{indicator}”:指标留空",
                          "but counted within one field or campaign, not the area's “{indicator}”: left blank"),
    "whyf.no_phrase": ("没有匹配的说法,待填", "no wording matched: to fill in"),
    "whyf.area_named": ("文中的“{name}”", "“{name}” in the text"),
    "whyf.area_given": ("给这段文字指定的地区", "the area chosen for the text"),
    "whyf.area_heading": ("文章开头写的地区", "the first area the text names"),
    "whyf.area_carried": ("前一句写的“{name}”", "“{name}”, named in an earlier sentence"),
    "whyf.area_none": ("文中未写,待填", "none named: to fill in"),
    "whyf.area_ambiguous": ("“{name}”有多处同名地区,本文所属地区也无法确定,待填",
                            "“{name}” names several places and the text's own area does not say which: to fill in"),
    "whyf.period_stated": ("“{words}”", "“{words}”"),
    "whyf.period_unpinned": ("“{words}”无法换算成日期,待填", "“{words}” gives no dates: to fill in"),
    "whyf.period_bulletin_date": ("未写时期,按发布日期", "none stated: as of the date published"),
    "whyf.period_none": ("未写时期,也无发布日期,待填", "none stated and no date published: to fill in"),
}
