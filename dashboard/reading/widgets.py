"""Drawing sections with Streamlit: cards, charts with their sources, the page header, notes.

Nothing here queries or builds: the sections (sections.py) hand over figures and words, and
these functions lay them out.
"""
from __future__ import annotations

import json
from html import escape

import plotly.graph_objects as go
import streamlit as st

from dashboard.kernel.i18n import t
from dashboard.reading.charts import from_json, refit
from dashboard.reading import sections
from dashboard.reading.sections import Section
from dashboard.reading.share_images import FontMissing, font_file
from dashboard.reading.url_state import View
from dashboard.reading.urls import Urls

# The fact cards' stylesheet (see cards and page_styles). Colours come from the text colour,
# so the cards follow Streamlit's light and dark themes; two cards a row on a phone.
CARDS_CSS = """<style>
/* WCAG 1.4.3: Streamlit greys captions and quotes to #797b7e (4.24:1 on white); the text colour at 78 % gives
   7.7:1 on white, 7:1 on the sidebar, and stays light on dark in Streamlit's dark theme. */
[data-testid="stCaptionContainer"],[data-testid="stCaptionContainer"] p,blockquote,blockquote p{color:inherit!important}
[data-testid="stCaptionContainer"],blockquote{opacity:.78!important}
/* Sections are h2 under the page's h1 (heading order); sized as Streamlit's subheaders were. */
[data-testid="stHeading"] h2{font-size:1.5rem;padding:1rem 0 .5rem}
/* A visible focus ring for keyboard readers on links, disclosure triangles and buttons. */
a:focus-visible,summary:focus-visible,button:focus-visible{outline:2px solid #b22222!important;outline-offset:2px}
.qc-table{margin:0 0 .5rem}
.qc-table summary{cursor:pointer;font-size:.875rem}
.qc-scroll{overflow-x:auto}
.qc-table table{border-collapse:collapse;font-size:.875rem;margin:.5rem 0}
.qc-table caption{text-align:left;font-weight:600;padding:0 0 .25rem}
.qc-table th,.qc-table td{border-bottom:1px solid color-mix(in srgb,currentColor 18%,transparent);padding:.25rem .5rem;
text-align:left;vertical-align:top}
.qc-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem}
.qc-card{border:1px solid color-mix(in srgb,currentColor 18%,transparent);border-radius:.5rem;padding:.75rem 1rem;margin:0}
.qc-card summary{font-size:.875rem;cursor:pointer;list-style:none;overflow-wrap:anywhere}
.qc-card summary::-webkit-details-marker{display:none}
.qc-card summary::after{content:" ⓘ";opacity:.55}
.qc-card details[open] summary::after{content:" ✕"}
.qc-def{font-size:.8rem;opacity:.75;margin:.25rem 0 0}
.qc-value{font-size:2.25rem;line-height:1.2;margin:.25rem 0}
.qc-meta{font-size:.8rem;opacity:.65;margin:0;overflow-wrap:anywhere}
.qc-meta a{color:inherit}
.qc-topic{margin:.75rem 0 .5rem}.qc-more{margin:.5rem 0 0;font-size:.875rem}
@media (max-width:640px){.qc-grid{grid-template-columns:1fr 1fr;gap:.5rem}.qc-card{padding:.5rem .625rem}
.qc-value{font-size:1.5rem}.qc-meta,.qc-def{font-size:.75rem}}
</style>"""


# On a phone the sidebar folds behind Streamlit's bare "»": a word beside it says the filters are there.
FILTERS_CSS = """<style>[data-testid="stExpandSidebarButton"]{width:auto!important;gap:.25rem;padding:0 .5rem}
[data-testid="stExpandSidebarButton"]::after{content:"%s";font-size:.875rem;white-space:nowrap}</style>"""


# Streamlit's file box speaks English only ("Drag and drop file here", "Limit 2MB per file"): those lines
# are hidden, the box's own label says the formats and the limit in the page's language. Its "Upload"
# button keeps its word: relabelled by CSS, its accessible name would still be English (axe: button-name,
# and a voice user could not say what they see), and Streamlit takes no label for it.
UPLOAD_CSS = """<style>[data-testid="stFileUploaderDropzoneInstructions"]{display:none}</style>"""


def page_styles(lang: str) -> None:
    """The page's stylesheet, once per run: a style-only st.html takes no room."""
    st.html(CARDS_CSS + FILTERS_CSS % t("sidebar.open", lang).replace('"', "") + UPLOAD_CSS)


def cards(section_cards) -> None:
    """Cards as one grid: label (tap it for the definition), value as published, period · source.

    One st.html element rather than an st.metric per fact in columns and bordered containers: the
    browser rebuilds every element on each filter change, and the overview's twelve such cards were
    the largest part of its lag behind the floor (docs/performance.md). The text is escaped here and
    Streamlit sanitizes st.html again; <details> shows the definition on a tap, without script.
    """
    st.html(cards_html(section_cards))


def cards_html(section_cards) -> str:
    """The markup of `cards`: a list of cards, each definition behind its label, its period and
    source a link to the figure's own page (plain text for a row with no page yet: /add's preview)."""
    items = "".join(
        f'<div class="qc-card" role="listitem"><details><summary>{escape(label)}</summary><p class="qc-def">{escape(definition)}</p>'
        f'</details><p class="qc-value">{escape(value)}</p>'
        + (f'<p class="qc-meta"><a href="{escape(link)}" target="_self">{escape(caption)}</a></p></div>' if link
           else f'<p class="qc-meta">{escape(caption)}</p></div>')
        for label, value, definition, caption, link in section_cards)
    return f'<div class="qc-grid" role="list">{items}</div>'


def card_groups(groups) -> None:
    """Groups of cards, each under its heading ('派驻监察 · 5个指标') with a link to the rest: one st.html
    element for all of them, as for one grid (every element is a subtree the browser rebuilds)."""
    st.html("".join(
        f'<p class="qc-topic"><strong>{escape(title)}</strong> · {escape(count)}</p>{cards_html(group_cards)}'
        + (f'<p class="qc-more"><a href="{escape(link)}" target="_self">→ {escape(more)}</a></p>' if link else "")
        for title, count, group_cards, more, link in groups))


def source_notes(notes: str, lang: str, report: str = "") -> None:
    """Under a chart or block: each source once, with the verbatim quotes it gave (each a link to its
    figure's page), and a 'report an error' link where one is set up (`report`: Urls.report).
    One Markdown element for all of them: every element is a React subtree the browser rebuilds
    on each filter change (profiled against the floor)."""
    if notes:
        with st.expander(t("sources", lang)):
            st.markdown(notes + (f"\n\n:small[[{t('report', lang)}]({report})]" if report else ""))


def chart(section: Section, lang: str, view_url: str = "", notes: bool = True) -> None:
    """A section's Plotly chart with Plotly's own PNG download (named), then its sources and quotes
    (unless the page lists them together: `notes=False`; the figure carries its source line anyway),
    with a link to report an error in them from the view at `view_url`."""
    config = {"displaylogo": False, "responsive": True,
              "toImageButtonOptions": {"format": "png", "filename": section.filename, "scale": 2}}
    # theme=None: the frame (charts.frame_figure) sets every colour itself, on a white plot. Streamlit's
    # theme would recolour the text to the page's, which in its dark theme is white on that white plot.
    st.plotly_chart(_figure(section.figure, "phone" if on_phone() else "wide"), width="stretch", config=config,
                    alt=section.alt or None, theme=None)
    if section.table:
        st.html(data_table_html(section, lang))
    if notes:
        source_notes(section.notes, lang, _report(section, view_url, lang))


class _Drawn(go.Figure):
    """The figure st.plotly_chart is handed: it gives back the plain dict it was made with. Streamlit
    calls `to_dict()` on every rerun, and Plotly's deep-copies every trace and encodes its arrays again
    (a third of the overview's rerun, profiled with yappi, #32). Streamlit only reads that dict (it
    turns it into JSON), and no page holds this object: nothing can change it between reruns."""

    def to_dict(self) -> dict:
        return self._drawn


@st.cache_resource(show_spinner=False, max_entries=32)
def _figure(spec: str, fit: str) -> _Drawn:
    # Built once per spec and fit rather than on every rerun (~0.5 ms a chart, measured).
    # 32: the charts of the views being changed now (a rerun redraws the same ones); each entry holds its
    # spec twice over (key and figure), and 500 of them grew a national-scale replica by ~50 MB (#32).
    figure = from_json(spec)
    drawn = _Drawn(_validate=False)
    drawn._drawn = (figure if fit == "phone" else refit(figure, fit)).to_dict()
    return drawn


def data_table_html(section: Section, lang: str) -> str:
    """The chart's rows as a table behind a closed "数据表 / Data table": what a screen reader or a
    keyboard reads instead of the picture. One st.html element, like the cards (no script); the text
    is escaped here, and each value links to its figure's page. A wide table scrolls inside its own
    box, which takes the keyboard's focus so it can be scrolled without a mouse."""
    def cells(row):
        *shown, link = row
        *rest, value = shown
        value = f'<a href="{escape(link)}" target="_self">{escape(value)}</a>' if link else escape(value)
        return "".join(f"<td>{escape(cell)}</td>" for cell in rest) + f"<td>{value}</td>"
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in section.table_head)
    body = "".join(f"<tr>{cells(row)}</tr>" for row in section.table)
    return (f'<details class="qc-table"><summary>{t("data_table", lang)}</summary><div class="qc-scroll" tabindex="0" role="region" aria-label="{escape(section.alt)}"><table>'
            f'<caption>{escape(section.alt)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            f'</table></div></details>')


def on_phone() -> bool:
    """Whether the reader's browser says it is a phone. Plotly cannot wrap a title to its width and
    Streamlit does not tell the server the viewport, so chart text wraps for a phone when the
    browser says it is one (as MDN advises: 'Mobi' in the User-Agent, or the client hint)."""
    headers = st.context.headers
    return "Mobi" in headers.get("User-Agent", "") or headers.get("Sec-CH-UA-Mobile") == "?1"


def card_block(section: Section, lang: str, view_url: str = "") -> None:
    """A section's cards with their sources and quotes."""
    cards(section.cards)
    source_notes(section.notes, lang, _report(section, view_url, lang))


def _report(section: Section, view_url: str, lang: str) -> str:
    return Urls.report([fact_id for _, _, fact_id in section.quotes if fact_id], view_url, lang)


def share_box(url: str, title: str, lang: str, urls: Urls, card=None) -> None:
    """'分享 / Share': the full address of this view and an embed snippet, each with Streamlit's copy button,
    and (`card`: card_download's arguments) the card to post."""
    label = t("share", lang)
    with st.popover(label, icon=":material/share:"):
        st.caption(t("share.help", lang))
        st.code(url, language=None, wrap_lines=True)
        st.caption(t("share.embed", lang))
        st.code(urls.embed_snippet(url, title), language="html", wrap_lines=True)
        if card:
            card_download(*card)


def card_download(ds, page: str, view: View, share_url: str) -> None:
    """'下载卡片 / Download card': a 1080×1350 PNG of the view's figure, quote, area, period and source with
    a QR code to `share_url`, drawn when clicked (deferred data) and cached per view. Without the CJK font
    the button is replaced by the reason, never an error."""
    try:
        font_file()
    except FontMissing as missing:
        st.caption(str(missing))
        return
    # Named by codes the controls chose, never by the address's own text (a figure id may be anything).
    name = "-".join(filter(None, ["qinglian", page, view.region, view.metric, view.lang])) + ".png"
    st.download_button(t("card.download", view.lang), lambda: sections.card(
        ds, page, view.lang, view.region, view.metric, view.period, view.fact_id, share_url),
        file_name=name, mime="image/png", icon=":material/download:", help=t("card.help", view.lang),
        on_click="ignore")


def page_header(title: str, takeaway: str, lang: str, place: str = "") -> None:
    """Title and the one-line takeaway: the top of every page (the share control is app.py's, above it),
    and the document's language, title and description for this view."""
    page_meta(lang, " · ".join(dict.fromkeys(filter(None, [title, place, t("app.title", lang)]))), takeaway)
    st.title(title, anchor=False)
    if takeaway:
        st.caption(takeaway)


def heading(text: str) -> None:
    """A section of the page: h2 under the page's one h1 (st.subheader is h3, which skips a level)."""
    st.header(text, anchor=False)


HTML_LANG = {"zh": "zh-CN", "en": "en"}


# One fixed script for every page, so a Content-Security-Policy can allow exactly it by its hash
# (deploy/nginx/qinglian-app.conf; a unit test keeps the two equal) instead of every inline script.
# The page's values travel in the JSON data block just before it (not a script the browser runs).
META_SCRIPT = """(() => { const v = JSON.parse(document.currentScript.previousElementSibling.textContent);
document.documentElement.lang = v.lang;
let meta = document.querySelector('meta[name="description"]');
if (!meta) { meta = document.createElement("meta"); meta.name = "description"; document.head.appendChild(meta); }
meta.content = v.description; })();"""


def page_meta(lang: str, title: str, description: str) -> None:
    """The tab's title, and what Streamlit cannot set: <html lang> (it serves a fixed lang="en", so a
    screen reader reads 执纪审查 with an English voice and browsers offer to translate) and the
    meta description search engines show. A script-only st.html takes no room and runs again only
    when its text changes, i.e. when the language or the view does."""
    st.set_page_config(page_title=title)
    values = json.dumps({"lang": HTML_LANG.get(lang, lang), "description": description}, ensure_ascii=False)
    values = values.replace("</", "<\\/")  # the data can never close its element
    st.html(f'<script type="application/json">{values}</script><script>{META_SCRIPT}</script>',
            unsafe_allow_javascript=True)


def not_reported(what: str, lang: str) -> None:
    """Say plainly that nothing is published, instead of drawing an empty or zero chart."""
    st.info(f"{what}: {t('not_reported', lang)}")


def sections_not_reported(place: str, sections: dict[str, Section], lang: str) -> None:
    """One note at the top naming every section of the page the area has not reported
    ('定海区 · 改革前后用时、提速倍数、覆盖率: 未公布'), rather than a heading and an empty box for each."""
    missing = [t(key, lang) for key, section in sections.items() if section.empty]
    if missing:
        not_reported(f"{place} · {('、' if lang == 'zh' else '; ').join(missing)}", lang)


def metric_explorer(metric: tuple[Section, Section] | None, lang: str, view_url: str = "") -> None:
    """The page's chosen metric: every area's latest figure, then every period of the selected area."""
    heading(t("metric.section", lang))
    if metric is None:
        st.caption(t("metric.none", lang))
        return
    by_region, over_time = metric
    if by_region.empty:
        not_reported(by_region.title, lang)
    else:
        chart(by_region, lang, view_url)
    if over_time.figure:
        chart(over_time, lang, view_url)


def data_problems(problems, lang: str, *, stale: bool) -> None:
    """The package is invalid: stop with every problem listed, or (`stale`) warn that the last good data shows."""
    if stale:
        st.warning(t("error.stale_data", lang), icon=":material/history:")
    else:
        st.error(t("error.data", lang))
    # st.code shows text as text: file names and cell values from a broken file cannot become markup.
    with st.expander("Details / 详情"):
        st.code("\n".join(str(p) for p in problems), language=None)


@st.fragment(run_every=5)
def data_unavailable(lang: str, available) -> None:
    """The database did not answer: say so (no traceback), ask again every 5 s, and redraw the whole
    page once `available()` is true, so the reader never has to reload."""
    if available():
        st.rerun(scope="app")
    st.warning(t("error.unavailable", lang), icon=":material/cloud_off:")
