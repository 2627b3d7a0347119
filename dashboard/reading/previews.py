"""What a shared link shows before it is opened: for every view, the page head a chat app's crawler reads
(title, description, og:* and twitter:* with a 1200×630 image) and what the preview image and the card
draw (the view's headline figure, its quote, area, period and source). Pure functions of a Dataset and a
View; nothing here draws or writes files (share_images.py draws, dashboard/previews.py writes).

Only known codes ever reach a head: the views are enumerated from the package (`every_view`), never read
from an address, and every value is HTML-escaped (`head_tags`), so a hostile link finds nothing of its own.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from html import escape

import pandas as pd

from dashboard.kernel.i18n import LANGS, format_period, format_value, t
from dashboard.kernel.model import Dataset
from dashboard.reading.labels import publisher_name, region_name
from dashboard.reading.registry import BY_NAME, REPORTS
from dashboard.reading.url_state import DEFAULT_REGION, View
from dashboard.reading.urls import Urls
from dashboard.storing.queries import (
    NATIONAL,
    PERIOD_KINDS,
    fact_record,
    facts_for,
    latest_per_indicator,
    national_eight_point,
    source_record,
    topic_indicators,
)

IMAGE_SIZE = (1200, 630)  # og:image: the size Facebook, Slack, WeChat and X crop least
DRAWING = "3"  # bump when share_images.py draws differently: image names change, caches refill
OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}


@dataclass(frozen=True)
class Figure:
    """What an image draws: one published figure and where it comes from (all text, in one language)."""

    lang: str
    indicator: str  # its label
    value: str  # as published: '约3个月' / 'about 3 months'
    place_period: str  # '舟山市 · 2018年1—11月'
    quote: str  # the verbatim locator, ≤ 30 characters
    source: str  # '舟山市纪委监委 (2018-12-23)'
    fact_id: str = ""  # '' for a page's general preview


@dataclass(frozen=True)
class Preview:
    """One view's preview: its head's words and the image it names."""

    page: str  # a registry page name
    view: View
    title: str
    description: str
    kicker: str  # the line above the figure: page · area · 清廉看板
    figure: Figure | None  # None: the general picture (the app's name and tagline)

    @property
    def image(self) -> str:
        """The image's file name: a hash of what it draws, so identical pictures are made and stored once,
        a changed figure gets a new name (and may be cached for a year), and no address reaches a path."""
        drawn = repr((DRAWING, self.kicker if self.figure is None else "", self.view.lang,
                      astuple(self.figure) if self.figure else ()))
        return hashlib.sha256(drawn.encode()).hexdigest()[:20] + ".png"


def figure_of(ds: Dataset, fact, lang: str) -> Figure:
    """A fact (a row of facts_for, as a Series or a dict) as a picture draws it."""
    return Figure(lang=lang, indicator=str(fact[f"label_{lang}"]),
                  value=format_value(fact["value"], fact["qualifier"], fact["unit"], lang, fact.get("unit_word") or ""),
                  place_period=f"{region_name(ds, fact['region'], lang)} · {format_period(fact['period_start'], fact['period_end'], lang)}",
                  quote=str(fact["locator"]), source=_source_said(ds, fact["source"], lang), fact_id=str(fact["fact_id"]))


_SAID: dict[tuple[str, str, str], str] = {}  # (package version, source, lang) → its words: a national run asks 70,000 times


def _source_said(ds: Dataset, source_id: str, lang: str) -> str:
    """'舟山市纪委监委 (2018-12-23)': the publisher in `lang` and the source's date."""
    key = (ds.version, source_id, lang)
    if key not in _SAID:
        source = source_record(ds, source_id)
        day = source.get("date")
        _SAID[key] = publisher_name(source, lang) + ("" if pd.isna(day) else f" ({pd.Timestamp(day).date().isoformat()})")
    return _SAID[key]


def general_preview(page: str, lang: str) -> Preview:
    """A page's preview for any address we do not know: its name, the app's, and what the app is."""
    title = f"{t(f'page.{page}', lang)} · {t('app.title', lang)}"
    return Preview(page, View(lang=lang), title, t("preview.general", lang), title, None)


def figure_preview(ds: Dataset, fact_id: str, lang: str, view: View | None = None) -> Preview | None:
    """`/figure?id=…`: the figure, its quote and its source; None for an id the package does not hold."""
    fact = fact_record(ds, fact_id)
    if fact is None:
        return None
    figure = figure_of(ds, fact, lang)
    title = f"{figure.indicator}: {figure.value} · {figure.place_period.split(' · ')[0]}"
    return Preview("figure", view or View(lang=lang, fact_id=fact_id), title, _described(figure, lang),
                   f"{t('page.figure', lang)} · {t('app.title', lang)}", figure)


def page_preview(ds: Dataset, page: str, view: View, latest: list[dict] | None = None) -> Preview:
    """A page's view: the headline figure of its metric (or of the area, on a page without one).
    `latest`: the area's `latest_figures`, when the caller has them (every_preview asks once per area)."""
    lang, place = view.lang, region_name(ds, view.region, view.lang)
    kicker = f"{t(f'page.{page}', lang)} · {place} · {t('app.title', lang)}"
    fact = _headline(latest_figures(ds, view.region) if latest is None else latest, page, view)
    if fact is None:
        return Preview(page, view, kicker, t("preview.none", lang, place=place), kicker, None)
    figure = figure_of(ds, fact, lang)
    title = f"{figure.indicator} · {place} · {t(f'page.{page}', lang)} · {t('app.title', lang)}"
    return Preview(page, view, title, _described(figure, lang), kicker, figure)


def _described(figure: Figure, lang: str) -> str:
    """'立案数:257件(舟山市 · 2018年1—11月)。原文:「立案257件」。来源:舟山市纪委监委 (2018-12-23)'"""
    return t("preview.described", lang, indicator=figure.indicator, value=figure.value,
             place_period=figure.place_period, quote=figure.quote, source=figure.source)


def latest_figures(ds: Dataset, region: str) -> list[dict]:
    """The area's latest figure of each indicator, in the indicators' order (the schema's topics first), as
    plain rows: a page's headline is then a scan of a few dozen dicts, not a pandas filter per view."""
    return latest_per_indicator(facts_for(ds, regions=[region]), order=list(ds.indicators["id"])).to_dict("records")


def _headline(latest: list[dict], page: str, view: View) -> dict | None:
    """The view's metric, else the page's first indicator the area has published, else (overview, data)
    its first figure in the schema's order."""
    topic = BY_NAME[page].topic
    return next((fact for fact in latest if (topic is None or fact["topic"] == topic)
                 and (view.metric is None or fact["indicator"] == view.metric)), None)


def areas(ds: Dataset) -> list[str]:
    """The areas a reader can pick (those with figures, and the default city), as the sidebar lists them."""
    codes = set(ds.store.values("region")) | {DEFAULT_REGION}
    return [code for code in ds.regions["code"] if code in codes]


def every_view(ds: Dataset, metrics: bool = True) -> Iterator[tuple[str, View]]:
    """(page, view) for every report page × area × language × (metric, period where the page has them);
    `metrics=False` leaves out the metric and period views (a national package's budget)."""
    kinds = set(national_eight_point(ds)["period_kind"]) if metrics else set()
    periods = [None, *(kind for kind in PERIOD_KINDS if kind in kinds)]
    topic_metrics = {page.name: ([None, *topic_indicators(ds, page.topic)["id"]] if metrics and page.topic else [None])
                     for page in REPORTS}
    for region in areas(ds):
        for lang in LANGS:
            for page in REPORTS:
                for metric in topic_metrics[page.name]:
                    shown = periods if page.name == "enforcement" and region != NATIONAL else [None]
                    for period in shown:
                        yield page.name, View(lang=lang, region=region, metric=metric, period=period)


def every_preview(ds: Dataset, metrics: bool = True) -> Iterator[Preview]:
    """`page_preview` of `every_view`, asking the store once per area."""
    region, latest = None, None
    for page, view in every_view(ds, metrics):
        if view.region != region:
            region, latest = view.region, latest_figures(ds, view.region)
        yield page_preview(ds, page, view, latest)


def view_address(urls: Urls, page: str, view: View) -> str:
    """The path and query a crawler asks for this view: the share box's link ('/qinglian/enforcement?lang=…')."""
    return _path_query(urls.share(page, view))


def page_path(urls: Urls, page: str) -> str:
    """A page's path without a query ('/qinglian/enforcement'), the key of its general preview."""
    return _path_query(urls.absolute(BY_NAME[page].url_path)).rstrip("?")


def _path_query(address: str) -> str:
    rest = address.split("://", 1)[-1]
    return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


def head_tags(preview: Preview, image_url: str, page_url: str) -> str:
    """The tags a crawler reads, every value HTML-escaped; one line, to replace Streamlit's <title>."""
    title, description = escape(preview.title), escape(preview.description)
    image, url = escape(image_url), escape(page_url)
    alt = escape(f"{preview.figure.indicator}: {preview.figure.value}" if preview.figure else preview.title)
    width, height = IMAGE_SIZE
    tags = [f"<title>{title}</title>", f'<meta name="description" content="{description}">',
            '<meta property="og:type" content="website">', f'<meta property="og:site_name" content="{escape(t("app.title", preview.view.lang))}">',
            f'<meta property="og:title" content="{title}">', f'<meta property="og:description" content="{description}">',
            f'<meta property="og:url" content="{url}">', f'<meta property="og:locale" content="{OG_LOCALE[preview.view.lang]}">',
            f'<meta property="og:image" content="{image}">', '<meta property="og:image:type" content="image/png">',
            f'<meta property="og:image:width" content="{width}">', f'<meta property="og:image:height" content="{height}">',
            f'<meta property="og:image:alt" content="{alt}">', '<meta name="twitter:card" content="summary_large_image">',
            f'<meta name="twitter:title" content="{title}">', f'<meta name="twitter:description" content="{description}">',
            f'<meta name="twitter:image" content="{image}">', f'<meta name="twitter:image:alt" content="{alt}">']
    return "".join(tags)


def card_figure(ds: Dataset, page: str, view: View) -> Preview:
    """What the share box's card draws for the view being read (a figure page: its figure)."""
    if page == "figure":
        found = figure_preview(ds, view.fact_id or "", view.lang, view)
        return found or general_preview(page, view.lang)
    return page_preview(ds, page, view) if page in {p.name for p in REPORTS} else general_preview(page, view.lang)

