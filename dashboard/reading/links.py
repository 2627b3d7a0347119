"""Links for readers: a figure's own page, an embed snippet, and 'report an error' (set up by QINGLIAN_REPORT_URL)."""
from __future__ import annotations

from html import escape
from urllib.parse import quote, quote_plus, urlencode

from dashboard.kernel.settings import report_url



def figure_link(fact_id: str, lang: str) -> str:
    """The figure's own page, relative to any page of the app (so it works under a proxy's sub-path)."""
    return f"figure?id={quote_plus(fact_id)}&lang={quote_plus(lang)}"  # as urlencode writes it, 8x faster


# An article column: full width, tall enough for the title, the takeaway and the first chart.
EMBED_HEIGHT = 720


def embed_snippet(view_url: str, title: str) -> str:
    """An <iframe> of this view in Streamlit's embed mode (no sidebar, no menu), for a news article.
    The hosted recipe lets only ?embed=true be framed (deploy/nginx/qinglian.conf)."""
    src = view_url + ("&" if "?" in view_url else "?") + "embed=true"
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="{EMBED_HEIGHT}" '
            'style="border:0" loading="lazy"></iframe>')


def report_link(fact_ids: list[str], view_url: str, lang: str) -> str:
    """A prefilled report (title or subject, and body: the figure ids and the view's link), or '' when
    QINGLIAN_REPORT_URL is not set to an https:, http: or mailto: address."""
    base = report_url()
    if not base.startswith(("https://", "http://", "mailto:")) or not fact_ids:
        return ""
    ids = ", ".join(dict.fromkeys(fact_ids))
    title = f"数字有误 / Figure error: {ids}"
    body = "\n".join([f"Figure(s): {ids}", f"View: {view_url}", f"Language: {lang}", "",
                      "哪里有误、应为多少、出处 / What is wrong, what it should be, and the source:", ""])
    fields = {"subject" if base.startswith("mailto:") else "title": title, "body": body}
    return base + ("&" if "?" in base else "?") + urlencode(fields, quote_via=quote)
