"""Quoted names in Chinese prose: a title (《…》) or a short quotation that holds no clause (“最多跑一次”,
“四种形态”) names something, and the numbers and years inside it are part of the name, not figures or
periods. A quotation that holds a clause (“今年以来,全市立案56件。”) is somebody's words: its figures count.
Pure functions over the text.
"""
from __future__ import annotations

import re
from bisect import bisect_right

OPENING_QUOTES, CLOSING_QUOTES = "“‘「『《〈【〔［[", "”’」』》〉】〕］]"


class QuotedNames:
    """Whether a position sits inside a quoted name: a title mark (《…》), or a quotation mark opened on
    the same line whose words hold no clause (“最多跑一次”, “四种形态”). A quotation that does (“今年以来,
    全市立案56件。”) is somebody's words, and its figures are statements like any other. The quotes are
    read once, whatever the number of figures asked about (a line of 200,000 characters is read once)."""

    def __init__(self, text: str):
        self.starts, self.ends = _name_spans(text)

    def inside(self, position: int) -> bool:
        at = bisect_right(self.starts, position) - 1
        return at >= 0 and position < self.ends[at]


# Quotation marks that may hold somebody's words; title and other brackets always hold a name.
SPEECH_QUOTES = "“‘「『\""
CLAUSE_MARKS = re.compile(r"[，,。；;！？!?]")


def _name_spans(text: str) -> tuple[list[int], list[int]]:
    """The merged spans (starts, ends) of the quoted names in `text` (QuotedNames)."""
    spans, stack = [], []  # stack: (opening mark, where its words begin)

    def close(opening: str, begin: int, end: int) -> None:
        if opening not in SPEECH_QUOTES or not CLAUSE_MARKS.search(text, begin, end):
            spans.append((begin, end))

    for at, char in enumerate(text):
        if char == "\n":
            while stack:  # a mark not closed on its line runs to the line's end
                close(*stack.pop(), at)
        elif char == '"':
            if stack and stack[-1][0] == '"':
                close(*stack.pop(), at)
            else:
                stack.append((char, at + 1))
        elif char in OPENING_QUOTES:
            stack.append((char, at + 1))
        elif char in CLOSING_QUOTES and stack and stack[-1][0] != '"':
            close(*stack.pop(), at)
    while stack:
        close(*stack.pop(), len(text))
    merged: list[list[int]] = []
    for begin, end in sorted(spans):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return [m[0] for m in merged], [m[1] for m in merged]
