"""Every address the app writes, from one object (after Datasette's `Urls`): a page's view, a figure's
page, the data view of an area, the full link to share, the embed snippet and the "report an error"
link. Paths come from the page registry and values from a `View`, so no page path or query key is
written anywhere else (tests/unit/reading/test_urls.py scans the package for them).

Relative links (`figure?id=…`) work under a proxy's sub-path from any page; `share` and `embed`
need the site's own address, which the Streamlit adapter (controls.urls) hands in.
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote, quote_plus, urlencode, urlsplit, urlunsplit

from dashboard.kernel.settings import report_url
from dashboard.reading.registry import BY_NAME
from dashboard.reading.url_state import FIGURE_KEY, View

# An article column: full width, tall enough for the title, the takeaway and the first chart.
EMBED_HEIGHT = 720


class Urls:
    def __init__(self, site: str = "http://localhost:8501/", prefix: str = ""):
        """`site`: the address the reader's browser used; `prefix`: Streamlit's server.baseUrlPath."""
        self.site = urlsplit(site)
        self.prefix = "/" + prefix.strip("/") if prefix.strip("/") else ""

    @staticmethod
    def page(name: str, view: View | None = None) -> str:
        """A page's view, relative: 'enforcement?lang=en&region=330902&metric=cases_filed'."""
        query = view.query() if view else ""
        return BY_NAME[name].url_path + (f"?{query}" if query else "")

    @staticmethod
    def figure(fact_id: str, lang: str) -> str:
        """A figure's own page, relative to any page of the app."""
        # As urlencode writes it, 8x faster: this runs for every quote of every section.
        return f"{BY_NAME['figure'].url_path}?{FIGURE_KEY}={quote_plus(fact_id)}&lang={quote_plus(lang)}"

    def absolute(self, relative: str) -> str:
        """A relative link as the full address on this site."""
        path, _, query = relative.partition("?")
        return urlunsplit((self.site.scheme, self.site.netloc, f"{self.prefix}/{path}", query, ""))

    def share(self, name: str, view: View) -> str:
        """The full address of a view, with codes; the language always (a link opens in the sharer's)."""
        return self.absolute(self.page(name, view))

    @staticmethod
    def embed_snippet(view_url: str, title: str) -> str:
        """An <iframe> of this view in Streamlit's embed mode (no sidebar, no menu), for a news article.
        The hosted recipe lets only ?embed=true be framed (deploy/nginx/qinglian.conf)."""
        src = view_url + ("&" if "?" in view_url else "?") + "embed=true"
        return (f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="{EMBED_HEIGHT}" '
                'style="border:0" loading="lazy"></iframe>')

    @staticmethod
    def report(fact_ids: list[str], view_url: str, lang: str) -> str:
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


# Relative links need no site: one object serves every section, cached or not, for every reader.
RELATIVE = Urls()
