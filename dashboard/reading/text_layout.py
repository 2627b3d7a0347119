"""Fitting chart text: display width, wrapping and cutting, in columns and estimated pixels.

Plotly neither wraps text nor (with automargin off, see chart_frame.py) measures it, so chart titles
and row labels are wrapped and their widths estimated here. A character is wide (two columns)
when Unicode says so: `unicodedata.east_asian_width` is W or F.
"""
from __future__ import annotations

import html
import re
import unicodedata

# Widths at the 12 px tick font (Noto Sans / Noto Sans CJK), rounded up: a label must never be cut.
# The CJK font draws curly quotes, '…' and '—' full width, though Unicode calls them ambiguous.
NARROW, CAPITALS, WIDE_LATIN = set("fijlrt.,:;'|!()[] "), set("ABCDEFGHKNOPQRSUVXYZ"), set("MWmw")
FULL_WIDTH = set("“”‘’…—")
# Tokens, matched on the text's shape (W wide, d digit, a other, space): a run of numbers each with
# its wide unit ('2019年10月24日', '12件') stays whole; otherwise one wide character, a word, or spaces.
TOKEN = re.compile(r"(?:[ad]*dW)+ *|W|[ad]+ *| +")


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def display_columns(text: str) -> int:
    """Display width in half-width columns: a wide (CJK) character takes two."""
    return sum(2 if is_wide(c) else 1 for c in text)


def text_px(text: str) -> float:
    """Estimated width in pixels of `text` at the 12 px tick font."""
    return sum(12.5 if is_wide(c) or c in FULL_WIDTH else 4 if c in NARROW else 10.5 if c in WIDE_LATIN
               else 8.5 if c in CAPITALS else 7.5 for c in text)


def escape(text) -> str:
    """Escape '<' and '&' so text from data is shown as written, never as Plotly markup."""
    return html.escape(str(text), quote=False)


def break_tokens(text: str) -> list[str]:
    """The pieces a line may break between: Latin words with their spaces, CJK characters, a number with its unit."""
    shape = "".join("W" if is_wide(c) else " " if c.isspace() else "d" if c.isdigit() else "a" for c in text)
    return [text[m.start():m.end()] for m in TOKEN.finditer(shape)]


def wrap(text, width: int) -> str:
    """Lines of at most `width` columns joined by <br>. A list ('a • b • c') breaks between its items
    when each fits on a line; otherwise Latin breaks between words and CJK anywhere except after a
    number: '2019年10月24日' and '12件' stay on one line."""
    items = re.split(r"(?<= [•·]) ", str(text))
    tokens = [item + " " for item in items] if len(items) > 1 and max(map(display_columns, items)) <= width \
        else break_tokens(str(text))
    lines, line = [], ""
    for token in tokens:
        if line.strip() and display_columns(line + token.rstrip()) > width:
            lines.append(line.rstrip().removesuffix(" •").removesuffix(" ·"))  # no separator at a line's end
            line = ""
        line += token
    return "<br>".join(escape(part) for part in [*lines, line.rstrip()] if part)


def truncate(text: str, width: int) -> str:
    """At most `width` columns, with '…' when cut; the full text goes in the hover."""
    if display_columns(text) <= width:
        return escape(text)
    cut = ""
    for char in text:
        if display_columns(cut + char) > width - 1:
            break
        cut += char
    return escape(cut.rstrip()) + "…"
