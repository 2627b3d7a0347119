"""A shared link as a chat app sees it, through the nginx recipe on loopback (issue #29).

The stack makes the previews at its start (`python -m dashboard.previews`, deploy/local_stack.py); a
request with WeChat's, Slack's or Facebook's crawler user agent for three views gets each view's own
title, description and 1200×630 PNG; a browser gets Streamlit's page unchanged; a hostile address gets
the page's general preview with nothing of it in the page. The cards' QR codes are read back by Debian's
zbarimg. Skipped without nginx on a laptop, never in CI.
"""
import gzip
import re
import shutil
import struct
import subprocess
import urllib.request
from html import escape, unescape
from urllib.parse import quote

import pytest

from dashboard.kernel.i18n import t
from dashboard.reading.previews import figure_preview, page_preview
from dashboard.reading.share_images import card_png
from dashboard.reading.url_state import View
from dashboard.reading.urls import Urls
from deploy.browser import wait_for_app
from deploy.local_stack import running_stack
from tests.conftest import bundled, require

pytestmark = pytest.mark.e2e
DATA = bundled()
FACT = "cases-filed-330900-2018-01-01-2018-11-30"
WECHAT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN")
SLACK = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"
FACEBOOK = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
VIEWS = [  # (crawler, page, view)
    (WECHAT, "enforcement", View(lang="zh", region="100000", metric="cases_filed")),
    (SLACK, "overview", View(lang="en", region="330902")),
    (FACEBOOK, "figure", View(lang="en", fact_id=FACT)),
]


@pytest.fixture(scope="module")
def stack(nginx, own_ports):
    with running_stack(replicas=2, previews=True, listen=own_ports.site) as running:
        yield running


def fetch(url: str, agent: str) -> tuple[int, dict, bytes]:
    """As a crawler asks: compressed if the server will (the head must survive nginx's gzip)."""
    request = urllib.request.Request(url, headers={"User-Agent": agent, "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=20) as response:
        body = response.read()
        gzipped = response.headers.get("Content-Encoding") == "gzip"
        return response.status, dict(response.headers), gzip.decompress(body) if gzipped else body


def meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else ""


def head_of(html: str) -> dict:
    title = re.search(r"<title>([^<]*)</title>", html)
    return {"title": unescape(title.group(1)) if title else "", "description": meta(html, "description"),
            "og:title": meta(html, "og:title"), "og:image": meta(html, "og:image"),
            "twitter:card": meta(html, "twitter:card"), "twitter:image": meta(html, "twitter:image")}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def expected(page: str, view: View):
    return figure_preview(DATA, view.fact_id, view.lang) if page == "figure" else page_preview(DATA, page, view)


@pytest.mark.parametrize("agent, page, view", VIEWS, ids=["wechat-enforcement", "slack-overview", "facebook-figure"])
def test_a_chat_apps_crawler_gets_the_views_own_title_description_and_image(stack, agent, page, view):
    urls = Urls(stack.url + "/", "qinglian")
    address = urls.absolute(urls.figure(view.fact_id, view.lang)) if page == "figure" else urls.share(page, view)
    status, _, body = fetch(address, agent)
    head = head_of(body.decode())
    preview = expected(page, view)
    assert status == 200
    assert head["title"] == head["og:title"] == preview.title
    assert head["description"] == preview.description
    assert preview.figure.value in head["description"] and preview.figure.quote in head["description"]
    assert head["twitter:card"] == "summary_large_image" and head["og:image"] == head["twitter:image"]
    assert head["og:image"].startswith(stack.url + "/previews/")
    status, headers, image = fetch(head["og:image"], agent)
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert png_size(image) == (1200, 630)
    assert "max-age=31536000" in headers.get("Cache-Control", "")


def test_the_three_views_get_three_different_previews(stack):
    urls = Urls(stack.url + "/", "qinglian")
    heads = [head_of(fetch(urls.share(page, view) if page != "figure" else urls.absolute(urls.figure(view.fact_id, view.lang)),
                           agent)[2].decode()) for agent, page, view in VIEWS]
    assert len({h["title"] for h in heads}) == len({h["og:image"] for h in heads}) == 3


def test_a_browser_gets_streamlits_page_with_the_sites_description_and_no_preview(stack):
    _, _, body = fetch(Urls(stack.url + "/", "qinglian").share("enforcement", VIEWS[0][2]), CHROME)
    page = body.decode()
    assert "<title>Streamlit</title>" in page and "og:image" not in page
    # the site's description until the page's script writes the view's (qinglian-previews.conf)
    assert re.findall(r'<meta name="description" content="([^"]*)"', page) == [
        escape(f"{t('app.tagline', 'zh')} {t('app.tagline', 'en')}", quote=True)]


def test_a_link_with_an_unknown_metric_gets_its_areas_page_preview(stack):
    _, _, body = fetch(f"{stack.url}/enforcement?lang=en&region=330900&metric=no_such_metric&sector=x", SLACK)
    assert head_of(body.decode())["title"] == page_preview(DATA, "enforcement", View(lang="en", region="330900")).title
    assert "no_such_metric" not in body.decode()


HOSTILE = '"><script>alert(1)</script>'


def test_a_hostile_address_gets_the_pages_general_preview_with_nothing_reflected(stack):
    address = f"{stack.url}/enforcement?lang=en&region={quote(HOSTILE)}&metric=%3Cimg%20src%3Dx%3E"
    _, _, body = fetch(address, SLACK)
    html = body.decode()
    assert head_of(html)["title"] == f"{t('page.enforcement', 'en')} · {t('app.title', 'en')}"
    assert head_of(html)["og:image"].startswith(stack.url + "/previews/")
    for piece in ("<script>alert", "alert(1)", "<img src", "%3Cscript", "%3Cimg"):
        assert piece not in html
    # An unknown figure id: the figure page's general preview, the id nowhere in the page.
    _, _, body = fetch(f"{stack.url}/figure?id={quote(HOSTILE)}&lang=zh", WECHAT)
    assert head_of(body.decode())["title"] == f"{t('page.figure', 'zh')} · {t('app.title', 'zh')}"
    assert "alert(1)" not in body.decode()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_zbarimg_reads_each_cards_qr_code_as_the_views_address(stack, tmp_path, lang):
    zbarimg = shutil.which("zbarimg") or "/usr/bin/zbarimg"
    require(zbarimg, "zbarimg (Debian's zbar-tools)")
    urls = Urls(stack.url + "/", "qinglian")
    for _, page, view in VIEWS:
        view = View(lang=lang, region=view.region, metric=view.metric, fact_id=view.fact_id)
        address = urls.share(page, view)
        card = tmp_path / f"{page}-{lang}.png"
        card.write_bytes(card_png(expected(page, view), address))
        assert png_size(card.read_bytes()) == (1080, 1350)
        read = subprocess.run([zbarimg, "--quiet", "--raw", str(card)], capture_output=True, text=True, timeout=30)
        assert read.stdout.strip() == address
        with urllib.request.urlopen(read.stdout.strip(), timeout=20) as response:  # and the address opens
            assert response.status == 200


def test_the_figure_pages_card_downloads_from_the_app_and_its_qr_code_opens_the_view(stack, browser, tmp_path):
    zbarimg = shutil.which("zbarimg") or "/usr/bin/zbarimg"
    require(zbarimg, "zbarimg (Debian's zbar-tools)")
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"{stack.url}/figure?id={FACT}&lang=en")
        wait_for_app(page)
        with page.expect_download(timeout=30_000) as download:
            page.locator("[data-testid='stMainBlockContainer']").get_by_role(
                "button", name=t("card.download", "en")).click()
        card = tmp_path / download.value.suggested_filename
        download.value.save_as(card)
    finally:
        context.close()
    assert card.name == "qinglian-figure-330900-en.png" and png_size(card.read_bytes()) == (1080, 1350)
    read = subprocess.run([zbarimg, "--quiet", "--raw", str(card)], capture_output=True, text=True, timeout=30)
    assert read.stdout.strip() == f"{stack.url}/figure?id={FACT}&lang=en&region=330900"  # the share box's link
