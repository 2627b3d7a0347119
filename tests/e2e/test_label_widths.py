"""Charts reserve room for their row and column labels themselves (Plotly's automargin is off, see
chart_frame.py), so the estimate must never be narrower than the text Chromium actually draws."""
import html

import pytest

from dashboard.reading import chart_frame
from dashboard.reading.text_layout import text_px, truncate, wrap
from dashboard.storing.package import read_package
from tests.conftest import PACKAGE

pytestmark = pytest.mark.e2e


def axis_labels() -> list[str]:
    """Every text the builders put on an axis: indicator labels (wrapped and cut), regions, sectors."""
    ds = read_package(PACKAGE)
    labels = set()
    for lang in ("zh", "en"):
        for label in ds.indicators[f"label_{lang}"]:
            labels.add(truncate(label, 20))
            for width in (16, 22):
                labels.update(wrap(label, width).split("<br>"))
        labels.update(ds.regions[f"name_{lang}"])
        for name in ds.sectors[f"name_{lang}"]:
            labels.update(wrap(name, 16).split("<br>"))
    return sorted(html.unescape(label) for label in labels)


def test_estimated_label_widths_cover_what_chromium_draws(new_page):
    labels = axis_labels()
    page = new_page()
    page.set_content("<canvas></canvas>")
    drawn = page.evaluate("""([labels, font]) => {
        const context = document.querySelector('canvas').getContext('2d');
        context.font = '12px ' + font;
        return labels.map(label => context.measureText(label).width);
    }""", [labels, chart_frame.FONT])
    # The frame adds 8 px beside the widest label; an estimate may fall short of the drawn width by less.
    short = [(label, round(width), round(text_px(label)))
             for label, width in zip(labels, drawn) if text_px(label) + 8 < width]
    assert not short, short
    assert len(labels) > 100
