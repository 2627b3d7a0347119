"""The pictures of a shared link, drawn with Pillow: the 1200×630 preview a chat app shows beside a link,
and the 1080×1350 card a reader posts (the figure, its quote, area, period, source and a QR code that
opens the same view). Pure: a `previews.Preview` in, PNG bytes out; never a screenshot of the app.

Text is set in Noto Sans CJK (Debian's fonts-noto-cjk), found at run time. Pillow, not Plotly/Kaleido:
these are text and a QR code, not charts, and Kaleido would start a browser for every picture.
The QR code is segno's (maintained, pure Python, no image dependency of its own).
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

from dashboard.kernel.i18n import t
from dashboard.reading.chart_frame import BLUE, GREY, INK, LIGHT
from dashboard.reading.previews import IMAGE_SIZE, Preview
from dashboard.reading.text_layout import break_tokens

CARD_SIZE = (1080, 1350)  # 4:5, the tallest a phone's feed shows uncropped (WeChat Moments, Weibo, Instagram)
FONT_FOLDERS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
SC = 2  # Noto Sans CJK's collection: JP, KR, SC, TC, HK; simplified Chinese glyphs for the data's 中文
PAPER, BAND, QUOTE_BG = "#ffffff", BLUE, "#f2f6f9"


class FontMissing(RuntimeError):
    """Noto Sans CJK is not installed: say where it was looked for and how to install it."""


@lru_cache(maxsize=2)
def font_file(weight: str = "Regular") -> Path:
    """NotoSansCJK-<weight>.ttc, wherever the system keeps it."""
    for folder in FONT_FOLDERS:
        found = sorted(folder.rglob(f"NotoSansCJK-{weight}.ttc")) if folder.is_dir() else []
        if found:
            return found[0]
    raise FontMissing(f"NotoSansCJK-{weight}.ttc not found under {', '.join(map(str, FONT_FOLDERS))}: "
                      "install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) to draw previews and cards")


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file("Bold" if bold else "Regular")), size, index=SC)


def wrapped(text: str, face: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines no wider than `width` pixels, broken between words in Latin text
    and between any two characters in Chinese; an ellipsis where it is cut."""
    out, line = [], ""
    for token in break_tokens(text):
        if face.getlength(line + token) <= width or not line:
            line += token
            continue
        out.append(line.rstrip())
        line = token.lstrip()
        if len(out) == lines:
            break
    else:
        out.append(line)
        return out[:lines] if len(out) <= lines else _cut(out[:lines], face, width)
    return _cut(out, face, width)


def _cut(lines: list[str], face, width: int) -> list[str]:
    last = lines[-1]
    while last and face.getlength(last + "…") > width:
        last = last[:-1]
    return [*lines[:-1], last.rstrip() + "…"]


def _set_lines(draw, xy, lines, face, fill, spacing: float = 1.3) -> int:
    """Draw lines from the top-left `xy`; the y below the last."""
    x, y = xy
    for line in lines:
        draw.text((x, y), line, font=face, fill=fill)
        y += int(face.size * spacing)
    return y


def _png(image: Image.Image) -> bytes:
    # zlib level 1: half the time of the default 6 (which took 2/3 of a picture's 90 ms) for ~10 % more bytes
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def preview_png(preview: Preview) -> bytes:
    """The 1200×630 picture beside a shared link: the headline figure large, its area, period and quote, its
    source. A chat app shows it about 270 px wide, a quarter of its size, so nothing is set under 32 px."""
    width, height = IMAGE_SIZE
    image = Image.new("RGB", IMAGE_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 14), fill=BAND)
    margin, inner = 64, width - 128
    figure = preview.figure
    if figure is None:  # a page's own words: its name and area, then what the app is
        y = _set_lines(draw, (margin, 50), wrapped(preview.kicker, font(40), inner, 2), font(40), GREY)
        y = _set_lines(draw, (margin, y + 30), [t("app.title", preview.view.lang)], font(110, True), INK, 1.25)
        _set_lines(draw, (margin, y + 10), wrapped(preview.description, font(44), inner, 3), font(44), INK)
    else:
        y = _set_lines(draw, (margin, 40), [figure.indicator], _fitting(figure.indicator, inner, 64, True, 44), INK, 1.3)
        # 1.32: Noto's descenders (the p of 'enterprises') reach a third of the size below the line's top
        y = _set_lines(draw, (margin, y - 8), [figure.value], _fitting(figure.value, inner, 160, True), BLUE, 1.32)
        y = _set_lines(draw, (margin, y - 4), wrapped(figure.place_period, font(50), inner, 1), font(50), INK)
        _quote(draw, margin, y + 16, inner, figure.quote, font(46), lines=1)
    _footer(draw, preview, margin, height - 64, inner, 34)
    return _png(image)


def card_png(preview: Preview, share_url: str) -> bytes:
    """The 1080×1350 card to post: the figure, its quote, area, period and source, and a QR code that opens
    `share_url` (the view's absolute link); sized to read on a phone, where a feed shows it about 390 px
    wide (the smallest text, 38 px, is then 14 px)."""
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 18), fill=BAND)
    margin, inner = 72, width - 144
    y = _set_lines(draw, (margin, 64), wrapped(preview.kicker, font(38), inner, 2), font(38), GREY)
    figure = preview.figure
    if figure is None:
        y = _set_lines(draw, (margin, y + 60), [t("app.title", preview.view.lang)], font(120, True), INK)
        _set_lines(draw, (margin, y + 30), wrapped(preview.description, font(52), inner, 5), font(52), INK)
    else:
        y = _set_lines(draw, (margin, y + 40), wrapped(figure.indicator, font(68, True), inner, 3), font(68, True), INK)
        y = _set_lines(draw, (margin, y + 4), [figure.value], _fitting(figure.value, inner, 190, True), BLUE, 1.32)
        y = _set_lines(draw, (margin, y + 10), wrapped(figure.place_period, font(52), inner, 2), font(52), INK)
        y = _quote(draw, margin, y + 34, inner, figure.quote, font(50))
        _set_lines(draw, (margin, y + 30), wrapped(f"{t('preview.source', preview.view.lang)}: {figure.source}",
                                                   font(38), inner, 3), font(38), GREY)
    _qr(image, draw, share_url, preview.view.lang, margin, height)
    return _png(image)


def _fitting(text: str, width: int, size: int, bold: bool, smallest: int = 40) -> ImageFont.FreeTypeFont:
    """The largest face up to `size` (down to `smallest`) that sets `text` on one line within `width`."""
    while size > smallest and font(size, bold).getlength(text) > width:
        size -= 6
    return font(size, bold)


def _quote(draw, x: int, y: int, width: int, quote: str, face, lines: int = 2) -> int:
    """The verbatim quote in a pale box with a rule on its left, as the figure page shows it; the y below."""
    lines = wrapped(f"「{quote}」", face, width - 48, lines)
    bottom = y + 24 + len(lines) * int(face.size * 1.35)
    draw.rectangle((x, y, x + width, bottom), fill=QUOTE_BG)
    draw.rectangle((x, y, x + 8, bottom), fill=LIGHT)
    _set_lines(draw, (x + 32, y + 12), lines, face, INK, 1.35)
    return bottom


def _footer(draw, preview: Preview, x: int, y: int, width: int, size: int) -> None:
    """Source on the left, the app's name on the right."""
    name = t("app.title", preview.view.lang)
    room = width - int(font(size, True).getlength(name)) - 32
    if preview.figure is not None:
        said = f"{t('preview.source', preview.view.lang)}: {preview.figure.source}"
        _set_lines(draw, (x, y), wrapped(said, font(size), room, 1), font(size), GREY)
    draw.text((x + width, y), name, font=font(size, True), fill=INK, anchor="ra")


def _qr(image: Image.Image, draw, url: str, lang: str, margin: int, height: int) -> None:
    """The QR code (error correction M, 4 modules of quiet zone) at the bottom left, its caption beside it."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    side = 340
    scale = max(1, side // (code.symbol_size(border=4)[0]))
    code.save(out, kind="png", scale=scale, border=4)
    qr = Image.open(io.BytesIO(out.getvalue())).convert("RGB")
    top = height - margin - qr.height
    image.paste(qr, (margin - 4 * scale, top))
    x = margin - 4 * scale + qr.width + 24
    y = _set_lines(draw, (x, top + 60), [t("card.scan", lang)], font(44, True), INK)
    _set_lines(draw, (x, y + 10), [t("app.title", lang)], font(38), GREY)
