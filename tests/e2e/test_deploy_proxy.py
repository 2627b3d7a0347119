"""The nginx recipe, run as written: two replicas under /qinglian/ behind deploy/nginx/qinglian.conf.

A shared deep link opens the same view through the proxy in Chromium, each browser stays on
one replica, two readers with different filters and languages never see each other's state,
and a foreign origin gets no CORS grant. Skipped without nginx on a laptop, never in CI.
"""
import urllib.request
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest

from dashboard.kernel.i18n import LANG_LABELS, t
from dashboard.reading.controls import metric_labels, region_labels
from deploy.browser import wait_for_app
from deploy.local_stack import running_stack
from tests.conftest import bundled

pytestmark = pytest.mark.e2e
DATA = bundled()
REGIONS = region_labels(DATA)
DINGHAI, PUTUO = "330902", "330903"


@pytest.fixture(scope="module")
def stack(nginx, own_ports):
    with running_stack(replicas=2, listen=own_ports.site) as running:
        yield running


def query(page) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def sidebar_value(page, label: str) -> str:
    return page.get_by_role("combobox", name=label).input_value()


def test_health_answers_through_the_proxy_and_sets_the_replica_cookie(stack):
    with urllib.request.urlopen(f"{stack.url}/_stcore/health", timeout=10) as response:
        assert response.status == 200 and response.read() == b"ok"
        assert "qinglian_replica=" in response.headers.get("Set-Cookie", "") + str(response.headers.get_all("Set-Cookie"))


def test_a_foreign_origin_gets_no_cors_grant(stack):
    request = urllib.request.Request(f"{stack.url}/_stcore/health", headers={"Origin": "http://evil.example"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get("Access-Control-Allow-Origin") is None


DEEP_LINK = {"lang": "en", "region": DINGHAI, "metric": "cases_filed"}
OPENED = DEEP_LINK | {"period": "month"}  # the address after it opened: every control's code, the default period too


def open_deep_link(page, stack) -> None:
    page.goto(f"{stack.url}/enforcement?{urlencode(DEEP_LINK, quote_via=quote)}")
    wait_for_app(page)
    page.wait_for_timeout(1000)


def test_a_deep_link_is_the_first_request_each_fresh_replica_serves(stack, new_page):
    # Runs before anything else opens a page on a replica: a page folder named pages/ once made a fresh
    # process serve this link without the shared sidebar (Streamlit's legacy mode), ignoring ?lang= and ?region=.
    for replica in stack.replica_urls:
        page = _open(new_page(), replica, "enforcement", **DEEP_LINK)
        wait_for_app(page)
        assert page.locator("h1").first.inner_text() == t("page.enforcement", "en")
        assert sidebar_value(page, t("sidebar.region", "en")) == REGIONS[DINGHAI]


def test_a_shared_deep_link_opens_the_same_view_through_the_proxy(stack, new_page):
    page = new_page()
    open_deep_link(page, stack)
    assert page.locator("h1").first.inner_text() == t("page.enforcement", "en")
    assert sidebar_value(page, t("sidebar.region", "en")) == REGIONS[DINGHAI]
    assert sidebar_value(page, t("sidebar.metric", "en")) == metric_labels(DATA, "enforcement")["cases_filed"]
    assert urlsplit(page.url).path == "/qinglian/enforcement" and query(page) == OPENED
    page.get_by_role("button", name=t("share", "en")).click()  # the share box names the proxy's address
    shared = page.locator("[data-testid='stPopoverBody'] code, [data-testid='stPopoverBody'] pre").first.inner_text()
    assert shared.startswith(f"{stack.url}/enforcement?")
    assert parse_qs(urlsplit(shared).query) == {k: [v] for k, v in OPENED.items()}


def test_a_page_below_the_base_finds_its_server_without_a_failed_request(stack, new_page):
    # Without the recipe's window.__streamlit, Streamlit tries /qinglian/enforcement/_stcore/health and
    # host-config first: two 404s, and errors in the console that Lighthouse's best practices count.
    page, failed, asked = new_page(), [], []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.on("request", lambda request: asked.append(request.url))
    open_deep_link(page, stack)
    assert page.locator("h1").first.inner_text() == t("page.enforcement", "en")
    assert failed == []
    assert not [url for url in asked if "/enforcement/_stcore/" in url]
    assert any(url.endswith("/qinglian/_stcore/host-config") for url in asked)


def test_crawlers_get_a_robots_file_that_keeps_them_to_the_pages(stack):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(stack.url))
    with urllib.request.urlopen(f"{origin}/robots.txt", timeout=10) as response:
        assert response.status == 200 and response.headers.get_content_type() == "text/plain"
        lines = response.read().decode().splitlines()
    assert lines[0] == "User-agent: *" and "Allow: /qinglian/" in lines and "Disallow: /qinglian/_stcore/" in lines


def test_each_browser_stays_on_one_replica_and_both_replicas_serve(stack):
    for client in range(12):  # plain HTTP clients with their own cookie jar: the cookie, not the browser, decides
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        for path in ("/", "/_stcore/health", "/enforcement?lang=English", "/_stcore/host-config"):
            opener.open(stack.url + path, timeout=30).read()
    by_cookie: dict[str, set] = {}
    for line in stack.access_log():
        cookie, upstream = line.rsplit("cookie=", 1)[1], line.split("upstream=")[1].split()[0]
        if cookie not in ("-", "isolation-test") and upstream != "-":
            by_cookie.setdefault(cookie, set()).add(upstream)
    assert len(by_cookie) >= 12 and all(len(upstreams) == 1 for upstreams in by_cookie.values()), by_cookie
    assert set().union(*by_cookie.values()) == {u.split("//")[1].split("/")[0] for u in stack.replica_urls}


def _open(page, url: str, path: str = "", **params):
    page.goto(f"{url}/{path}" + (f"?{urlencode(params, quote_via=quote)}" if params else ""))
    return page


def pick(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def test_two_readers_on_one_replica_never_see_each_others_state(stack, new_page):
    # The same replica cookie puts both readers in one Streamlit process: the case where shared caches could leak.
    host = urlsplit(stack.url).hostname
    cookie = [{"name": "qinglian_replica", "value": "isolation-test", "domain": host, "path": "/qinglian/"}]
    alice, bob = new_page(cookies=cookie), new_page(cookies=cookie)
    wait_for_app(_open(alice, stack.url, "enforcement", lang=LANG_LABELS["en"], region=REGIONS[DINGHAI]))
    wait_for_app(_open(bob, stack.url, "approvals"))
    sup_metric = metric_labels(DATA, "enforcement")["eight_point_cases"]
    pick(bob, t("sidebar.region", "zh"), REGIONS[PUTUO])        # bob changes district while alice reads
    pick(alice, t("sidebar.metric", "en"), sup_metric)          # alice changes metric while bob reads
    bob.get_by_role("combobox", name=t("sidebar.region", "zh"))  # still there, still his
    for page, lang, region, title in ((alice, "en", DINGHAI, "page.enforcement"), (bob, "zh", PUTUO, "page.approvals")):
        assert page.locator("h1").first.inner_text() == t(title, lang)
        assert sidebar_value(page, t("sidebar.region", lang)) == REGIONS[region]
        assert query(page)["region"] == region
    assert query(alice)["metric"] == "eight_point_cases" and query(alice)["lang"] == "en"
    assert query(bob)["lang"] == "zh" and query(bob)["metric"] != "eight_point_cases"
    alice.reload()  # a rerun from the URL alone: alice's link still holds only alice's view
    wait_for_app(alice)
    assert sidebar_value(alice, t("sidebar.region", "en")) == REGIONS[DINGHAI]
    assert alice.locator("h1").first.inner_text() == t("page.enforcement", "en")
    upstreams = {line.split("upstream=")[1].split()[0] for line in stack.access_log() if "cookie=isolation-test" in line}
    upstreams.discard("-")  # static files nginx sent from its compressed copy
    assert len(upstreams) == 1, upstreams
