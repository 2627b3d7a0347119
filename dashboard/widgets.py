"""Small Streamlit building blocks shared by pages: metric cards and the source notes."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import Dataset, source_record
from dashboard.i18n import format_period, format_value, t

COLUMNS = 3  # metric cards per row on a wide screen; Streamlit stacks them on a phone


def fact_metrics(facts: pd.DataFrame, ds: Dataset, lang: str) -> None:
    """One st.metric per fact: label, value with its qualifier, then period and source."""
    rows = [facts.iloc[i:i + COLUMNS] for i in range(0, len(facts), COLUMNS)]
    for chunk in rows:
        for column, fact in zip(st.columns(COLUMNS), chunk.itertuples()):
            with column.container(border=True):
                st.metric(
                    getattr(fact, f"label_{lang}"),
                    format_value(fact.value, fact.qualifier, fact.unit, lang),
                    help=getattr(fact, f"definition_{lang}"),
                )
                publisher = source_record(ds, fact.source)["publisher"]
                st.caption(f"{format_period(fact.period_start, fact.period_end, lang)} · {t('source', lang)}: {publisher}")


def source_notes(facts: pd.DataFrame, ds: Dataset, lang: str) -> None:
    """Under every chart or block: each source once, with the verbatim quotes it gave."""
    with st.expander(t("sources", lang)):
        for source_id, group in facts.groupby("source", sort=False):
            source = source_record(ds, source_id)
            parts = [source["publisher"], f"《{source['title']}》"]
            if source.get("date") is not None and not pd.isna(source["date"]):
                parts.append(pd.Timestamp(source["date"]).date().isoformat())
            st.markdown(" · ".join(_plain(p) for p in parts))
            if str(source.get("url", "")).startswith(("https://", "http://")):
                st.link_button(source["url"][:60], source["url"])
            quotes = "；".join(f"「{q}」" for q in dict.fromkeys(group["locator"]))
            st.caption(f"{t('quote', lang)}: {_plain(quotes)}")


def _plain(text: str) -> str:
    """Escape Markdown so text from data is shown as written, never as markup."""
    specials = "\\`*_{}[]()#+-.!|<>~$"
    return "".join(f"\\{c}" if c in specials else c for c in str(text))
