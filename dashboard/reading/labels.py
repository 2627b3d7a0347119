"""Words for readers, made from data: names, card texts, milestones, source notes, readable tables.

The language layer: queries hand over frames with both languages' columns, and these functions
pick the reader's. Markdown made here escapes every text from data, so it shows as written.
"""
from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard.kernel.i18n import format_day, format_period, format_value, format_values, t
from dashboard.kernel.model import HASH_FUNCS, Dataset
from dashboard.reading.registry import BY_TOPIC
from dashboard.reading.url_state import View
from dashboard.reading.urls import RELATIVE
from dashboard.storing.queries import facts_for, source_record, sources_with_quotes


def region_name(ds: Dataset, code: str, lang: str) -> str:
    """The region's name, or its code if the package does not list it."""
    return region_names(ds, lang).get(code, code)


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=HASH_FUNCS)
def region_names(ds: Dataset, lang: str) -> dict[str, str]:
    """Code → name, as a dict: a chart's rows look up one name each (a Series lookup cost ~10 µs, ×
    thousands at national scale). Shared by every session, never changed."""
    return dict(zip(ds.regions["code"].tolist(), ds.regions[f"name_{lang}"].tolist()))


def indicator_label(ds: Dataset, indicator: str, lang: str) -> str:
    return ds.indicators.set_index("id").at[indicator, f"label_{lang}"]


def publisher_name(source, lang: str) -> str:
    """The publisher in `lang`; in English, the Chinese name marked as untranslated while `publisher_en`
    is blank (a translation is optional: a reporter adding a bulletin may not have one)."""
    if lang == "zh":
        return source["publisher"]
    return _given(source.get("publisher_en")) or f"{source['publisher']} ({untranslated('no_publisher_en')})"


def untranslated(key: str) -> str:
    """'no English title yet / 暂无英文标题': English first, as it stands where English is missing."""
    return f"{t(key, 'en')} / {t(key, 'zh')}"


SOURCES_NAMED = 3  # a longer list under a chart squeezes its plot; every source is in the notes below it


def source_line(ds: Dataset, facts: pd.DataFrame, lang: str) -> str:
    """'舟山市纪委监委 (2018-12-23); 光明日报 (2018-08-28)': each source of `facts` once, its publisher in `lang`.
    Beyond SOURCES_NAMED sources (a series read from many reprints), the first two and how many more."""
    sources = ds.sources.set_index("id")
    used = facts["source"].unique()  # in order of first use; a set, not a million-item dict
    parts = []
    for source_id in used if len(used) <= SOURCES_NAMED else used[:SOURCES_NAMED - 1]:
        publisher, day = publisher_name(sources.loc[source_id], lang), sources.at[source_id, "date"]
        parts.append(publisher if pd.isna(day) else f"{publisher} ({pd.Timestamp(day).date().isoformat()})")
    if len(used) > SOURCES_NAMED:
        return t("sources_more", lang, named="; ".join(parts), n=len(used), more=len(used) - len(parts))
    return "; ".join(parts)


def metric_cards(facts: pd.DataFrame, ds: Dataset, lang: str) -> list[tuple[str, str, str, str, str]]:
    """(label, value as published, definition, 'period · source', link to its figure page) per fact."""
    return [(getattr(fact, f"label_{lang}"), format_value(fact.value, fact.qualifier, fact.unit, lang, fact.unit_word),
             getattr(fact, f"definition_{lang}"),
             f"{format_period(fact.period_start, fact.period_end, lang)} · {t('source', lang)}: "
             f"{publisher_name(source_record(ds, fact.source), lang)}", RELATIVE.figure(fact.fact_id, lang))
            for fact in facts.itertuples()]



def draft_cards(rows: pd.DataFrame, ds: Dataset, source: dict, lang: str) -> tuple[list[tuple[str, str, str, str, str]], int]:
    """Rows not yet in the package as the dashboard's cards would show them (no figure page yet: no
    link), and how many rows could not be drawn (no known indicator, no number, no dates)."""
    indicators = ds.indicators.set_index("id")
    publisher = publisher_name(source, lang) if _given(source.get("publisher")) else _given(source.get("id"))
    cards, skipped = [], 0
    for row in rows.itertuples():
        try:
            value, start, end = float(row.value), pd.Timestamp(row.period_start), pd.Timestamp(row.period_end)
            indicator = indicators.loc[row.indicator]
        except (KeyError, TypeError, ValueError):
            skipped += 1
            continue
        if pd.isna(start) or pd.isna(end) or pd.isna(value):
            skipped += 1
            continue
        cards.append((indicator[f"label_{lang}"], format_value(value, row.qualifier, row.unit, lang),
                      indicator[f"definition_{lang}"],
                      f"{region_name(ds, row.region, lang) if row.region else t('add.no_region', lang)} · {format_period(start, end, lang)} · {t('source', lang)}: {publisher}", ""))
    return cards, skipped

def milestones(events: pd.DataFrame, lang: str) -> list[str]:
    """'2018-06 · title' per event, dated as precisely as the source dates it (year, month or day);
    an undated one as 'Reported by Dec 2018 · title', so the report's date never reads as a start date."""
    return [f"{_when(event.date, event.date_precision, lang)} · {plain(getattr(event, f'title_{lang}'))}"
            for event in events.itertuples()]


def _when(date: pd.Timestamp, precision: str, lang: str) -> str:
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return date.strftime("%Y-%m")
    if precision == "reported":  # an undated milestone carries the date of the report that mentions it
        return t("reported_by", lang, month=format_period(date.replace(day=1), date + pd.offsets.MonthEnd(0), lang))
    return format_day(date, lang)


def source_notes_markdown(ds: Dataset, quotes: pd.DataFrame, lang: str) -> str:
    """Markdown, per source: publisher · 《title》 · date, its link, then the quotes, small and grey, each
    linked to its figure's page. `quotes` holds `source` and `locator` columns (facts, events, or both)
    and, for facts, `fact_id`."""
    notes = []
    for source, found in sources_with_quotes(ds, quotes):
        parts = [publisher_name(source, lang), f"《{source['title']}》"]
        if lang != "zh":
            parts.append(_title_en_said(source, lang))
        if source.get("date") is not None and not pd.isna(source["date"]):
            parts.append(pd.Timestamp(source["date"]).date().isoformat())
        lines = [" · ".join(plain(p) for p in parts)]
        url = str(source.get("url", ""))
        if url.startswith(("https://", "http://")):
            lines.append(f"[{plain(url[:60])}]({link_target(url)})")
        said = "；".join(f"[「{plain(quote)}」]({RELATIVE.figure(fact_id, lang)})" if fact_id else f"「{plain(quote)}」"
                        for quote, fact_id in found)
        lines.append(f":small[:gray[{t('quote', lang)}: {said}]]")
        notes.append("  \n".join(lines))  # two spaces: a line break inside one paragraph
    return "\n\n".join(notes)


def facts_table(ds: Dataset, regions, lang: str) -> pd.DataFrame:
    """The facts of `regions` as a reader's table, newest first: names, wording as published, source
    and quote, and beside them the codes and ISO dates a program reads (indicator id, region code,
    period_start, period_end)."""
    facts = facts_for(ds, regions=regions).iloc[::-1].reset_index(drop=True)  # oldest first, turned round
    names = region_names(ds, lang)
    sources = ds.sources.set_index("id")
    day = lambda column: [pd.Timestamp(d).date().isoformat() for d in facts[column]]  # noqa: E731
    return pd.DataFrame({
        "fact_id": facts["fact_id"],
        "indicator": facts[f"label_{lang}"],
        "region": facts["region"].map(names),
        "value": facts["value"],
        "as_published": format_values(facts, lang),
        "period": [format_period(s, e, lang) for s, e in zip(facts["period_start"], facts["period_end"])],
        "source": facts["source"].map({s: publisher_name(row, lang) for s, row in sources.iterrows()}),
        "locator": facts["locator"],
        "url": facts["source"].map(sources["url"]),
        "note": [in_language(note, lang) for note in facts["note"]],
        "figure": [RELATIVE.figure(fact_id, lang) for fact_id in facts["fact_id"]],
        "indicator_id": facts["indicator"].astype(str),
        "region_code": facts["region"].astype(str),
        "period_start": day("period_start"),
        "period_end": day("period_end"),
    })


# The table's columns a reader sees; the codes and ISO dates are for the CSV (and programs).
TABLE_SHOWN = ("indicator", "region", "value", "as_published", "period", "source", "locator", "url", "note", "figure",
               "fact_id")
# The CSV: the row's id, each readable column beside its code, then the rest; no page links.
CSV_COLUMNS = ("fact_id", "indicator_id", "indicator", "region_code", "region", "period_start", "period_end", "period",
               "value", "as_published", "source", "locator", "url", "note")


def table_years(table: pd.DataFrame) -> list[int]:
    """Every year some figure's period covers, newest first (none for an area without figures, whose
    empty table a database hands back with untyped columns)."""
    if table.empty:
        return []
    starts, ends = (table[column].astype(str).str[:4].astype(int) for column in ("period_start", "period_end"))
    return sorted({year for s, e in zip(starts, ends) for year in range(s, e + 1)}, reverse=True)


def table_indicators(table: pd.DataFrame) -> dict[str, str]:
    """Indicator id → its label, for the indicators the table holds, in the table's order."""
    return dict(zip(table["indicator_id"], table["indicator"]))


def filtered(table: pd.DataFrame, indicator: str | None = None, year: int | None = None) -> pd.DataFrame:
    """The rows of one indicator and/or whose period covers `year` (a 2018–2020 total counts for 2019)."""
    keep = pd.Series(True, index=table.index)
    if indicator:
        keep &= table["indicator_id"] == indicator
    if year:
        keep &= (table["period_start"].str[:4].astype(int) <= year) & (table["period_end"].str[:4].astype(int) >= year)
    return table[keep].reset_index(drop=True)


def table_csv(table: pd.DataFrame) -> bytes:
    """The table as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel on a Chinese Windows
    opens it as UTF-8, not GBK), readable columns beside their codes and ISO dates."""
    return table[list(CSV_COLUMNS)].to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def licence_markdown(licences: tuple[dict, ...], lang: str) -> str:
    """'本数据包采用 [Creative Commons Attribution 4.0 (CC-BY-4.0)](…) 许可。': the package's own licences
    (datapackage.json `licenses`), each by its title and name, linked where its path is an address."""
    named = []
    for licence in licences:
        words = plain(f"{licence.get('title') or licence['name']} ({licence['name']})")
        path = str(licence.get("path") or "")
        named.append(f"[{words}]({link_target(path)})" if path.startswith(("https://", "http://")) else words)
    if not named:
        return t("data.licence_none", lang)
    return t("data.licence", lang, licence=("、" if lang == "zh" else ", ").join(named))


TABLE_HEAD = ("col.indicator", "col.region", "col.period", "col.as_published")


def chart_rows(ds: Dataset, facts: pd.DataFrame, lang: str, events: pd.DataFrame | None = None) -> tuple:
    """A chart's text alternative: (indicator, area, period, value as published, figure link) for each
    figure it draws (labelled facts), then (sector · milestone, area, when, title, '') per event. The
    link is not a column: the value links to its figure's page."""
    names = region_names(ds, lang)
    rows = [(getattr(f, f"label_{lang}"), names.get(f.region, f.region), format_period(f.period_start, f.period_end, lang),
             format_value(f.value, f.qualifier, f.unit, lang, f.unit_word), RELATIVE.figure(f.fact_id, lang)) for f in facts.itertuples()]
    if events is not None:
        milestone = t("chart.events", lang)
        rows += [(f"{sector_name(ds, e.sector, lang)} · {milestone}", names.get(e.region, e.region),
                  _when(e.date, e.date_precision, lang), getattr(e, f"title_{lang}"), "") for e in events.itertuples()]
    return tuple(rows)


def sources_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """Every source for reading: its date as an ISO day, or said to be missing (never 'None')."""
    dates = [t("not_dated", lang) if pd.isna(date) else date.date().isoformat() for date in ds.sources["date"]]
    rows = [row for _, row in ds.sources.iterrows()]
    titles = ds.sources["title"] if lang == "zh" else [f"{row['title']} ({_given(row['title_en']) or untranslated('no_title_en')})"
                                                         for row in rows]
    return pd.DataFrame({"title": titles, "publisher": [publisher_name(row, lang) for row in rows], "date": dates,
                         "url": ds.sources["url"],
                         "note": [in_language(_given(note), lang) for note in ds.sources["note"]]})


def plain(text: str) -> str:
    """Escape Markdown so text from data is shown as written, never as markup."""
    specials = "\\`*_{}[]()#+-.!|<>~$"
    return "".join(f"\\{c}" if c in specials else c for c in str(text))


def link_target(url: str) -> str:
    # Percent-encode what could end a Markdown link target or open markup ( ) < > space " \ ` ;
    # a well-formed address is left as it is.
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def sector_name(ds: Dataset, sector: str, lang: str) -> str:
    return ds.sectors.set_index("id").at[sector, f"name_{lang}"]


def source_rows(source: dict, lang: str) -> tuple[tuple[str, str], ...]:
    """(what, text) rows describing a source: publisher in both languages, title (and ours in English), date."""
    day = source.get("date")
    dated = t("not_dated", lang) if day is None or pd.isna(day) else pd.Timestamp(day).date().isoformat()
    title = source["title"] if lang == "zh" else f"{source['title']} ({_title_en_said(source, lang, quoted=False)})"
    english = _given(source.get("publisher_en")) or f"({untranslated('no_publisher_en')})"
    rows = ((t("col.publisher", lang), f"{source['publisher']} / {english}"),
            (t("col.title", lang), title), (t("col.date", lang), dated))
    return rows + (((t("col.original", lang), original),) if (original := original_said(source)) else ())


def original_said(source: dict) -> str:
    """'中央纪委国家监委网站《…》, 2023-01-16, https://…' for a source that reprints or reports another's
    release (sources.csv original_*), '' for an original; only what the row states, nothing guessed."""
    publisher = _given(source.get("original_publisher"))
    if not publisher:
        return ""
    title, url = _given(source.get("original_title")), _given(source.get("original_url"))
    day = source.get("original_date")
    day = "" if day is None or (not isinstance(day, str) and pd.isna(day)) else pd.Timestamp(day).date().isoformat()
    return ", ".join(filter(None, [publisher + (f"《{title}》" if title else ""), day, url]))


def _given(value) -> str:
    """A source field as text, '' when the row leaves it blank (None, NaN or '')."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def _title_en_said(source, lang: str, quoted: bool = True) -> str:
    """'“Title” (our translation)', or '(no English title yet / 暂无英文标题)'."""
    if not (translated := _given(source.get("title_en"))):
        return f"({untranslated('no_title_en')})" if quoted else untranslated("no_title_en")
    return f"“{translated}” ({t('our_translation', lang)})" if quoted else f"“{translated}”, {t('our_translation', lang)}"


def in_language(note: str, lang: str) -> str:
    """A note written '中文 / English' (the package's way of giving both: every note in data/ is, see
    datapackage.json), in the reader's language; any other note as written. The split is the first
    ' / ' after Chinese and before an ASCII letter or digit, so the Chinese half holds no ' / ' and the
    English half may ('counties/districts', "'市本级和新城' / '市本级'"). The English half is our
    translation; where it keeps a Chinese term, the term stands in brackets or quotes."""
    if not isinstance(note, str):
        return ""
    zh, slash, en = note.partition(" / ")
    bilingual = slash and any("\u4e00" <= c <= "\u9fff" for c in zh) and en[:1].isascii() and en[:1].isalnum()
    return (zh if lang == "zh" else en).strip() if bilingual else note


def no_link_note(source: dict, lang: str) -> str:
    """Why a source has no link, in the words of its own row: that it has no address, its kind, its
    retrieval record (when the text was read, its SHA-256, the extractor's options) and its note.
    Only fields the row holds are said; '' for a source with an address."""
    if _given(source.get("url")).startswith(("https://", "http://")):
        return ""
    said = [t("nolink.none", lang), t("nolink.kind", lang, kind=t(f"kind.{source['kind']}", lang))]
    retrieved, sha = _given(source.get("retrieved")), _given(source.get("text_sha256"))
    if retrieved or sha:
        said.append(t("nolink.retrieved", lang, day=retrieved or t("not_dated", lang), sha=sha or "—"))
        if options := _given(source.get("extracted_with")):
            said.append(t("nolink.extracted", lang, options=options))
    else:
        said.append(t("nolink.no_record", lang))
    if note := _given(source.get("note")):
        said.append(t("nolink.note", lang, note=in_language(note, lang)))
    return ("" if lang == "zh" else " ").join(said)


ACCESSED = "\x00accessed\x00"  # stands for the day the reader cites it, filled in by FigureRecord.cited


def citations(source: dict) -> tuple[str, str]:
    """The source as a reference: GB/T 7714-2015 (an electronic resource, [EB/OL]) and in English."""
    day = source.get("date")
    dated = day is not None and not pd.isna(day)
    url = str(source.get("url") or "")
    zh = f"{source['publisher']}. {source['title']}[EB/OL]. " + (f"({pd.Timestamp(day).date().isoformat()})" if dated else "")
    zh += f"[{ACCESSED}]. {url}".rstrip(" ") + ("" if url else "")
    en = f"{publisher_name(source, 'en')}. " + (f"({pd.Timestamp(day).strftime('%Y, %B %-d')}). " if dated else "(n.d.). ")
    translated = _given(source.get("title_en"))
    en += f"{source['title']}" + (f" [{translated}; our translation]." if translated else ".") + (f" Retrieved {ACCESSED}, from {url}" if url
                                                                           else f" Accessed {ACCESSED}.")
    zh, original = zh.rstrip(". ") + ".", original_said(source)
    return (zh + f" 原载: {original}." if original else zh), (en + f" Originally published by: {original}." if original else en)


def headline_groups(headlines, view, urls) -> list[tuple[str, str, tuple, str, str]]:
    """(topic's name, '5个指标', its cards, 'all 8 in …', that page's link or '') for each topic of an
    area's headline (sections.headlines), in the page's language."""
    groups = []
    for headline in headlines:
        page = BY_TOPIC.get(headline.topic)
        topic = t(f"page.{page.name}" if page else f"topic.{headline.topic}", view.lang)
        more = page is not None and headline.total > headline.cards.count
        count = t("overview.count_one" if headline.total == 1 else "overview.count", view.lang, n=headline.total)
        groups.append((topic, count, headline.cards.cards,
                       t("overview.all", view.lang, n=headline.total, page=topic) if more else "",
                       urls.page(page.name, View(view.lang, view.region)) if more else ""))
    return groups
