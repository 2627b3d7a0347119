"""The nginx recipe's compression, security headers, content policy and embed view, run as written
(deploy.local_stack: the recipe's files with only their ports changed, and its HTTPS variant with a
throwaway certificate). Skipped without nginx on a laptop, never in CI.
"""
import asyncio
import gzip
import http.server
import re
import ssl
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import urlsplit

import brotli
import pytest
import websockets

from dashboard.kernel.i18n import t
from dashboard.reading.registry import PAGES
from deploy.browser import wait_for_app
from deploy.local_stack import BROTLI_MODULES, running_stack
from deploy.server import free_port
from tests.conftest import require

pytestmark = pytest.mark.e2e
PAGE_PATHS = [page.url_path for page in PAGES if page.name != "figure"] + ["figure?id=zs-2018-cases-filed"]
SECURITY = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
            "X-Frame-Options": "DENY", "Permissions-Policy": "camera=(), microphone=(), geolocation=()"}
# Every violation of the page's Content-Security-Policy, as the page itself is told of it.
WATCH_POLICY = ("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                "e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));")


@pytest.fixture(scope="module")
def stack(nginx, own_ports):
    with running_stack(replicas=2, tls=True, listen=own_ports.site) as running:
        yield running


def fetch(url: str, encoding: str = "", context=None):
    """(response headers, raw body) for a GET that accepts `encoding`; HTTP errors are answers too."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=30, context=context) as response:
            return response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.headers, error.read()


def script_path(stack) -> str:
    _, html = fetch(f"{stack.url}/enforcement")
    return re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', html)[1].decode()


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_javascript_arrives_compressed_and_cached_for_a_year(stack, encoding):
    if encoding == "br":
        for module in BROTLI_MODULES:
            require(str(module), "Debian's brotli module for nginx")
    path = script_path(stack)
    headers, body = fetch(f"{stack.url}/{path}", encoding)
    assert headers["Content-Encoding"] == encoding
    assert headers["Cache-Control"] == "public, immutable, max-age=31536000"  # Streamlit's own, kept
    _, plain = fetch(f"{stack.replica_urls[0]}/{path}")  # the replica's own, uncompressed bytes
    assert (brotli.decompress(body) if encoding == "br" else gzip.decompress(body)) == plain
    assert len(body) < len(plain) / 3


def test_pages_arrive_compressed(stack):
    headers, body = fetch(f"{stack.url}/enforcement?lang=en", "gzip")
    assert headers["Content-Encoding"] == "gzip" and b"<div id=\"root\">" in gzip.decompress(body)


def test_the_websocket_is_never_compressed(stack):
    split = urlsplit(stack.url)

    async def extensions():
        async with websockets.connect(f"ws://{split.netloc}{split.path}/_stcore/stream", subprotocols=["streamlit"],
                                      compression="deflate", open_timeout=30,
                                      additional_headers={"Origin": f"http://{split.netloc}"}) as ws:
            return ws.response.headers.get("Sec-WebSocket-Extensions")

    # asyncio.run in a thread of its own: a file before this one may have started Playwright's sync API
    # in this worker, which keeps an event loop running in the main thread.
    with ThreadPoolExecutor(1) as pool:
        taken = pool.submit(asyncio.run, extensions()).result()
    assert taken is None  # offered permessage-deflate, and it was not taken


@pytest.mark.parametrize("path", [*PAGE_PATHS, "static/js/", "_stcore/health", "no/such/page/_stcore/x"])
def test_every_response_carries_the_security_headers(stack, path):
    if path == "static/js/":
        path = script_path(stack)
    headers, _ = fetch(f"{stack.url}/{path}")
    for name, value in SECURITY.items():
        assert headers[name] == value, name
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and policy.endswith("frame-ancestors 'none'")
    assert headers["Strict-Transport-Security"] is None  # plain HTTP: HSTS would mean nothing
    is_page = "/" not in path.split("?")[0] or path.startswith("figure")
    assert ("rel=modulepreload" in (headers["Link"] or "")) == (is_page and "_stcore" not in path)


def test_the_https_variant_adds_hsts(stack):
    headers, _ = fetch(f"{stack.https_url}/enforcement", context=ssl._create_unverified_context())
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_every_page_works_under_the_policy(stack, new_page):
    page = new_page(locale="en-US")  # and new_page fails the test on any console error the policy causes
    page.add_init_script(WATCH_POLICY)
    for path in PAGE_PATHS:
        page.goto(f"{stack.url}/{path}")
        wait_for_app(page)
        assert page.locator("h1").count() == 1, path
        assert page.evaluate("window.__violations") == [], path
        # one description: the site's, which the recipe gives a browser, made the view's by the page's own script
        descriptions = page.evaluate("[...document.querySelectorAll('meta[name=description]')].map(m => m.content)")
        assert len(descriptions) == 1 and not descriptions[0].startswith(t("app.tagline", "zh")), (path, descriptions)
    assert page.evaluate("document.documentElement.lang") == "en"  # the page-language script ran, by its hash


@contextmanager
def article(body: str):
    """Another site's article page, on loopback: http://localhost:<port>/ (a different site from 127.0.0.1).
    A real server, not a routed fake: Chromium refuses a public page framing a loopback address."""
    class Article(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Article)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_port}/"
    finally:
        server.shutdown()


def test_only_the_embed_view_can_be_framed(stack, new_page):
    page = new_page()
    page.goto(f"{stack.url}/enforcement?lang=en&region=330902")
    wait_for_app(page)
    page.get_by_role("button", name=t("share", "en")).click()
    snippet = page.locator("[data-testid='stPopoverBody'] code").nth(1).inner_text()
    assert snippet.startswith("<iframe src=") and "embed=true" in snippet
    plain = re.search(r'src="([^"]+)"', snippet)[1].replace("&amp;", "&").replace("&embed=true", "")
    # The snippet in an article on another site, and the same view without embed=true framed beside it.
    body = f'<!doctype html><title>News</title><h1>Article</h1>{snippet}<iframe src="{plain}" title="plain"></iframe>'
    with article(body) as url:
        reader = new_page(expected_console=("Framing ",))  # Chromium's report of the refused frame
        reader.goto(url)
        embedded = reader.frame_locator("iframe[src*='embed=true']")
        embedded.locator("[data-testid='stMainBlockContainer'] h1").wait_for(timeout=60_000)
        assert embedded.locator("h1").first.inner_text() == t("page.enforcement", "en")
        # The view first: the sidebar starts closed in an article.
        assert embedded.locator("[data-testid='stSidebar']").get_attribute("data-collapsed") == "true"
        frame = next(f for f in reader.frames if "embed=true" in f.url)
        assert "region=330902" in frame.url  # the address sync keeps embed=true and the view's codes
        reader.wait_for_timeout(1000)
        others = [f for f in reader.frames if f not in (reader.main_frame, frame)]
        assert len(others) == 1 and others[0].locator("[data-testid='stApp']").count() == 0
        assert not others[0].url.startswith(stack.url)  # Chromium's error page in place of the plain view
