"""The nginx recipe under a flood and with a dead replica, on loopback, bounded in count and time.

Readers are told apart by their address: loopback is all of 127.0.0.0/8, so the flooder connects from
127.0.0.2, the newsroom from 127.0.0.3 and the browsers from 127.0.0.1, each a client nginx limits on
its own. The figures (round trips under a flood, recovery times) are in docs/reliability.md, from
benchmarks/floods.py; these tests check only what must hold. Skipped without nginx on a laptop, never in CI.
"""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.kernel.i18n import t
from dashboard.reading.controls import metric_labels, region_labels
from deploy.browser import wait_for_app
from deploy.clients import open_session, page_load
from deploy.local_stack import running_stack
from tests.conftest import bundled

pytestmark = pytest.mark.e2e
FLOODER, NEWSROOM = "127.0.0.2", "127.0.0.3"
DATA = bundled()


@pytest.fixture(scope="module")
def stack(nginx, own_ports):
    with running_stack(replicas=2, listen=own_ports.site) as running:
        yield running


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_a_newsroom_of_30_behind_one_address_is_never_refused(stack):
    async def readers():
        loads = [asyncio.to_thread(page_load, stack.url, NEWSROOM) for _ in range(30)]
        sessions = [open_session(stack.url, NEWSROOM) for _ in range(30)]
        return await asyncio.gather(*loads), await asyncio.gather(*sessions)

    loads, sessions = run(readers())
    assert loads == [200] * 30 and sessions == [101] * 30


def test_one_address_opening_sessions_in_a_loop_gets_429_while_others_read_on(stack, new_page):
    async def flood(count: int, seconds: float) -> list[int]:
        statuses, until = [], time.monotonic() + seconds
        while len(statuses) < count and time.monotonic() < until:
            statuses.append(await open_session(stack.url, FLOODER))
        return statuses

    sessions = run(flood(150, 30))
    loads = [page_load(stack.url, FLOODER) for _ in range(100)]
    assert sessions.count(429) > 0 and set(sessions) <= {101, 429}
    assert sessions[:60] == [101] * 60  # the burst a newsroom needs, then the refusals
    assert loads.count(429) > 0 and set(loads) <= {200, 429}
    # A reader at another address is not touched by it: the page opens and answers a filter change.
    page = new_page(locale="en-US")
    page.goto(f"{stack.url}/enforcement?lang=en&region=330902")
    wait_for_app(page)
    pick(page, t("sidebar.metric", "en"), metric_labels(DATA, "enforcement")["eight_point_cases"])
    assert "metric=eight_point_cases" in page.url


def pick(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def test_a_dead_replicas_readers_keep_their_view_and_their_first_change_counts(stack, new_page):
    replicas = [url.split("//")[1].split("/")[0] for url in stack.replica_urls]
    cookies = {}
    for n in range(40):  # a reader cookie for each replica, as nginx's hash places them
        cookies.setdefault(stack.replica_for(f"reader-{n}"), f"reader-{n}")
        if len(cookies) == len(replicas):
            break
    assert set(cookies) == set(replicas)
    host = urlsplit(stack.url).hostname

    def reader(replica: int, path: str):
        cookie = [{"name": "qinglian_replica", "value": cookies[replicas[replica]], "domain": host, "path": "/qinglian/"}]
        page = new_page(locale="en-US", cookies=cookie, expected_console=("WebSocket", "Failed to fetch"))
        page.goto(f"{stack.url}/{path}")
        wait_for_app(page)
        return page

    doomed = reader(0, "enforcement?lang=en&region=330902&metric=cases_filed")
    other = reader(1, "approvals?lang=en&region=330903")
    with doomed.expect_websocket(timeout=60_000):  # its tab reconnects by itself, through nginx
        stack.kill_replica(0)
    # The old view stays on screen. Its session died with the replica, so the next change starts a new
    # one on the live replica (the only one left): the change counts, and the rest of the view is kept.
    eight_point = metric_labels(DATA, "enforcement")["eight_point_cases"]
    pick(doomed, t("sidebar.region", "en"), region_labels(DATA)["330903"])
    assert parse_qs(urlsplit(doomed.url).query) == {"lang": ["en"], "region": ["330903"], "metric": ["cases_filed"],
                                                    "period": ["month"]}
    assert doomed.locator("h1").first.inner_text() == t("page.enforcement", "en")
    assert doomed.get_by_role("combobox", name=t("sidebar.region", "en")).input_value() == region_labels(DATA)["330903"]
    pick(doomed, t("sidebar.metric", "en"), eight_point)  # and from then on the tab answers as before
    assert parse_qs(urlsplit(doomed.url).query)["metric"] == ["eight_point_cases"]
    pick(other, t("sidebar.region", "en"), region_labels(DATA)["330902"])  # the other replica's reader: untouched
    assert "region=330902" in other.url
    # Back again: once nginx tries it anew (fail_timeout, 10 s), the replica gets its readers back.
    stack.restart_replica(0)
    deadline = time.monotonic() + 30
    while stack.replica_for(cookies[replicas[0]]) != replicas[0]:
        assert time.monotonic() < deadline, "the restarted replica got no new reader within 30 s"
        time.sleep(1)
