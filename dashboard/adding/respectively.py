"""Figures listed after an enumeration of ordinals and 分别 (运用第一、二、三、四种形态分别处理45460人次、23134人次、
3070人次、2737人次; 第一至第四种形态分别有10021人、2623人…): the k-th figure counts the k-th named thing, whose
indicator is the phrasing that words it alone (第二种形态{n}人次 in data/phrasings.csv). Pure functions.
"""
from __future__ import annotations

import re

ORDINALS = "一二三四五六七八九十"
# 第一、二、三、四种形态 / 第一、第二、第三、第四种形态 / 第一至第四种形态: the ordinals, then the noun they share
ENUMERATION = re.compile(rf"第(?P<first>[{ORDINALS}])(?P<rest>(?:、第?[{ORDINALS}])+|(?:至|到)第?(?P<last>[{ORDINALS}]))"
                         rf"(?P<tail>[^\s，,。；;、：:\d{ORDINALS}]{{1,6}})(?=[^，,。；;]{{0,10}}分别)")
LIST_JOIN = re.compile(r"\s*(?:、|和|及)\s*")
REACH = 24  # from the enumeration's end to its first figure


def _names(match: re.Match, befores: set[str]) -> list[str]:
    """第一种形态, 第二种形态…: the ordinals with the longest start of the words after them that a phrasing
    names (种形态 of 种形态分别处理), or none."""
    if match["last"]:
        ordinals = ORDINALS[ORDINALS.index(match["first"]):ORDINALS.index(match["last"]) + 1]
    else:
        ordinals = match["first"] + "".join(re.findall(rf"[{ORDINALS}]", match["rest"]))
    noun = next((match["tail"][:n] for n in range(len(match["tail"]), 0, -1)
                 if f"第{match['first']}{match['tail'][:n]}" in befores), None)
    return [f"第{ordinal}{noun}" for ordinal in ordinals] if noun else []


def listed_phrasings(text: str, figures: list, phrasings) -> dict[int, object]:
    """{index of a figure: the phrasing of the thing it counts} for the lists after enumerations in `text`;
    `figures` are numerals.mentions, `phrasings` the vocabulary's."""
    found, starts, befores = {}, [m.start for m in figures], {p.before for p in phrasings}
    for match in ENUMERATION.finditer(text):
        names = _names(match, befores)
        at = next((i for i, s in enumerate(starts) if match.end() <= s <= match.end() + REACH), None)
        if at is None or len(names) < 2:
            continue
        for k, name in enumerate(names):
            index = at + k
            if index >= len(figures) or (k and not LIST_JOIN.fullmatch(text[figures[index - 1].end:figures[index].start])):
                break
            word = text[figures[index].number_end:figures[index].end]
            fitting = [p for p in phrasings if p.before == name and not p.context and word.startswith(p.after)]
            if fitting:
                found[index] = max(fitting, key=lambda p: len(p.after))
    return found
