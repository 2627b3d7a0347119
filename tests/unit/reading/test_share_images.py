"""The pictures of a shared link: a 1200×630 preview and a 1080×1350 card whose QR code opens the view,
set in Noto CJK; a clear message when the font is missing."""
import io
import shutil
import subprocess

import pytest
from PIL import Image

from dashboard.reading import share_images
from dashboard.reading.previews import figure_preview, general_preview
from dashboard.reading.share_images import CARD_SIZE, FontMissing, card_png, font, preview_png, wrapped
from tests.conftest import require

FACT = "cases-filed-330900-2018-01-01-2018-11-30"
ADDRESS = f"https://news.example.org/qinglian/figure?id={FACT}&lang=zh&region=330900"


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_preview_is_a_1200_by_630_png_in_either_language(dataset, lang):
    assert picture(preview_png(figure_preview(dataset, FACT, lang))).size == (1200, 630)
    assert picture(preview_png(general_preview("data", lang))).size == (1200, 630)


def test_the_figure_is_drawn_in_the_blue_of_the_charts(dataset):
    image = picture(preview_png(figure_preview(dataset, FACT, "zh"))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(1_000_000)}
    assert (0x2C, 0x6E, 0x9B) in colours  # chart_frame.BLUE, the value
    assert (0x22, 0x22, 0x22) in colours  # INK, the indicator


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_cards_qr_code_reads_back_as_the_views_address(dataset, tmp_path, lang):
    require(shutil.which("zbarimg"), "zbarimg (Debian's zbar-tools)")
    card = tmp_path / "card.png"
    card.write_bytes(card_png(figure_preview(dataset, FACT, lang), ADDRESS))
    assert picture(card.read_bytes()).size == CARD_SIZE
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(card)], capture_output=True, text=True, timeout=30)
    assert read.stdout.strip() == ADDRESS


def test_lines_wrap_within_the_width_and_are_cut_with_an_ellipsis():
    face = font(40)
    long = "东海渔业村 " * 40
    lines = wrapped(long, face, 600, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(face.getlength(line) <= 600 for line in lines)
    assert wrapped("Problem clues handled", face, 2000, 2) == ["Problem clues handled"]
    english = wrapped("Zhoushan Municipal Commission for Discipline Inspection and Supervision", face, 500, 4)
    assert all(not line.endswith(" ") and " " not in line[:1] for line in english)  # breaks between words


def test_without_noto_cjk_the_message_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(share_images, "FONT_FOLDERS", (tmp_path,))
    share_images.font_file.cache_clear()
    share_images.font.cache_clear()
    try:
        with pytest.raises(FontMissing, match="fonts-noto-cjk"):
            share_images.font_file()
    finally:
        share_images.font_file.cache_clear()
        share_images.font.cache_clear()
