"""The charts' colours: readable text, visible marks, and never colour alone (WCAG 1.4.1, 1.4.3, 1.4.11).

Colour-vision deficiencies are simulated with Machado, Oliveira and Fernandes (2009), severity 1.0,
in linear RGB; colours are compared by CIE76 ΔE in CIELAB. A ΔE under ~10 is hard to tell apart
in small marks; the palette keeps 20 or more for every pair under every simulation.
"""
import itertools
import math

import pandas as pd
import pytest

from dashboard.reading import chart_frame, charts

MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
MIN_DELTA_E = 20


def _linear(hex_colour: str) -> list[float]:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _luminance(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = "#ffffff") -> float:
    low, high = sorted([_luminance(a), _luminance(b)])
    return (high + 0.05) / (low + 0.05)


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x, y, z = 0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b, 0.0193 * r + 0.1192 * g + 0.9505 * b
    f = lambda v: v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116  # noqa: E731
    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def seen(hex_colour: str, deficiency: str | None) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    if deficiency:
        rgb = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in MACHADO[deficiency]]
    return _lab(rgb)


def test_the_contrast_formula_matches_wcags_own_examples():
    assert round(contrast("#000000"), 1) == 21.0
    assert round(contrast("#797b7e"), 2) == 4.24  # Streamlit's caption grey, the axe finding of issue #19


@pytest.mark.parametrize("name", ["INK", "GREY", "BLUE"])
def test_chart_text_colours_meet_aa_on_white(name):
    assert contrast(getattr(chart_frame, name)) >= 4.5


@pytest.mark.parametrize("kind", list(charts.PERIOD_COLOURS))
def test_every_period_kind_mark_stands_out_from_the_white_plot(kind):
    assert contrast(charts.PERIOD_COLOURS[kind]) >= 3.0


@pytest.mark.parametrize("deficiency", [None, *MACHADO])
def test_period_kinds_and_before_after_stay_apart_under_colour_blindness(deficiency):
    for palette in (list(charts.PERIOD_COLOURS.values()), [colour for colour, _, _ in charts.SIDE_MARKS.values()]):
        for a, b in itertools.combinations(palette, 2):
            assert math.dist(seen(a, deficiency), seen(b, deficiency)) >= MIN_DELTA_E, (deficiency, a, b)


def test_colour_is_never_the_only_difference_between_marks():
    assert len({symbol for symbol, _ in charts.PERIOD_MARKS.values()}) == len(charts.PERIOD_MARKS)
    assert len({dash for _, dash in charts.PERIOD_MARKS.values()}) == len(charts.PERIOD_MARKS)
    assert len({symbol for _, symbol, _ in charts.SIDE_MARKS.values()}) == 2


def test_a_time_chart_draws_each_period_kind_with_its_own_marker():
    facts = pd.DataFrame({
        "period_start": pd.to_datetime(["2018-06-01", "2018-01-01", "2015-01-01"]),
        "period_end": pd.to_datetime(["2018-06-30", "2018-06-30", "2015-12-31"]),
        "value": [6692.0, 25000.0, 36911.0], "qualifier": ["exact"] * 3, "unit": ["case"] * 3,
        "fact_id": ["a", "b", "c"], "source": ["s"] * 3, "region": ["100000"] * 3, "label_en": ["Cases"] * 3})
    fig = charts.build_time_series(facts, "en", source_line="s")
    symbols = [trace.marker.symbol for trace in fig.data]
    assert len(symbols) == 3 and len(set(symbols)) == 3


def test_the_pale_bars_beside_the_chosen_area_stand_out_and_carry_dark_text():
    assert contrast(chart_frame.PALE) >= 3.0  # a bar is a graphic a reader must see (WCAG 1.4.11)
    assert contrast(chart_frame.PALE, chart_frame.INK) >= 4.5  # the value written inside it
