"""Fitting chart text: widths by Unicode's East Asian Width, wrapping that keeps numbers with their units."""
import pytest

from dashboard.reading.text_layout import display_columns, escape, text_px, truncate, wrap


@pytest.mark.parametrize("text, width", [("立案257件", 9), ("Cases filed", 11), ("，、《》", 8), ("ＡＢ", 4),
                                         ("“…”", 3), ("", 0)])
def test_columns_count_wide_characters_twice(text, width):
    assert display_columns(text) == width


def test_the_cjk_font_draws_curly_quotes_and_ellipsis_full_width():
    assert text_px("“”…") == text_px("立案数")
    assert text_px("iii") < text_px("MMM")


def test_a_wrapped_list_breaks_between_its_items_and_never_inside_a_date_or_count():
    subtitle = "截至2017年9月19日 · 截至2018年12月23日 · 截至2019年10月24日"
    assert wrap(subtitle, 54).split("<br>") == ["截至2017年9月19日 · 截至2018年12月23日", "截至2019年10月24日"]
    assert "2019年10月24日" in wrap(subtitle.replace(" · ", ""), 28).split("<br>")[-1]
    lines = wrap("共处置问题线索921件,立案257件,共处分223人", 12).split("<br>")
    assert len(lines) > 2 and all(any(count in line for line in lines) for count in ("921件", "257件", "223人"))


def test_latin_wraps_between_words_within_the_width():
    lines = wrap("Time taken, before and after the reform", 16).split("<br>")
    assert lines == ["Time taken,", "before and after", "the reform"]


def test_truncate_cuts_to_the_width_with_an_ellipsis_and_escapes_markup():
    assert truncate("涉黑涉恶腐败和保护伞立案人数", 10) == "涉黑涉恶…"
    assert truncate("short", 10) == "short"
    assert truncate("<b>bold</b>", 40) == escape("<b>bold</b>") == "&lt;b&gt;bold&lt;/b&gt;"
