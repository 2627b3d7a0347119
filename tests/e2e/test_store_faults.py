"""The hosted set-up with a database: nginx, two replicas and a real PostgreSQL, on loopback.

PostgreSQL stops for 10 s under a reader: the page says the data is temporarily unavailable (no
traceback), keeps what it drew and its session, and redraws itself when the database is back. A
new version published while readers work reaches both replicas without a restart (here after 1 s:
QINGLIAN_VERSION_TTL; 30 s by default). The figures of the same
runs under 30 sessions are in docs/reliability.md (benchmarks/store_faults.py).
"""
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.kernel import settings
from dashboard.kernel.i18n import t
from dashboard.publish import publish
from dashboard.reading.controls import region_labels
from deploy import postgres
from deploy.browser import wait_for_app
from deploy.local_stack import running_stack
from tests.conftest import PACKAGE, bundled, require
from tests.e2e.helpers import expected_chart_count, wait_for_charts

pytestmark = pytest.mark.e2e
DATA = bundled()
REGIONS = region_labels(DATA)


@pytest.fixture(scope="module")
def hosted(nginx, own_ports):
    require(postgres.BIN, "PostgreSQL (Debian's postgresql package)")
    with postgres.running_postgres() as server:
        publish(PACKAGE, server.url())
        with running_stack(replicas=2, env={settings.STORE_ENV: server.url(), settings.TTL_ENV: "1"}, listen=own_ports.site) as stack:
            yield server, stack


def pick(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_a_database_outage_says_so_and_the_page_comes_back_by_itself(hosted, new_page):
    server, stack = hosted
    page = new_page()
    page.goto(f"{stack.url}/supervision?region=330900&lang=en")
    wait_for_charts(page, expected_chart_count("supervision", region="330900", lang="en"))
    page.evaluate("window.sameDocument = true")  # gone if the page were reloaded
    server.stop()
    stopped = time.monotonic()
    try:
        # A view whose figures no replica has asked for yet: the city's view fetched each county's (its offices
        # per county), which a replica keeps and may still show (database.SqlFacts), but not the province's.
        pick(page, t("sidebar.region", "en"), REGIONS["330000"])
        notice = page.get_by_text(t("error.unavailable", "en"))
        notice.wait_for(timeout=30_000)
        assert page.locator("[data-testid='stException']").count() == 0  # a notice, never a traceback
        assert parse_qs(urlsplit(page.url).query)["region"] == ["330000"]  # the view the reader asked for
        time.sleep(max(0.0, stopped + 10 - time.monotonic()))  # down for 10 s in all
    finally:
        server.start()
    notice.wait_for(state="detached", timeout=30_000)  # redrawn by the page itself: nobody clicks
    wait_for_charts(page, expected_chart_count("supervision", region="330000", lang="en"))
    assert page.evaluate("window.sameDocument") is True
    assert page.locator("[data-testid='stException']").count() == 0
    pick(page, t("sidebar.region", "en"), REGIONS["330902"])  # and the session answers as before
    wait_for_app(page)
    assert parse_qs(urlsplit(page.url).query)["region"] == ["330902"]


def test_a_published_version_reaches_both_replicas_without_a_restart(hosted, new_page, smaller_package):
    server, stack = hosted
    cookies = {}
    for n in range(40):  # a reader cookie for each replica, as nginx's hash places them
        cookies.setdefault(stack.replica_for(f"reader-{n}"), f"reader-{n}")
        if len(cookies) == 2:
            break
    readers = [new_page(cookies=[{"name": "qinglian_replica", "value": cookie, "url": stack.url}])
               for cookie in cookies.values()]
    assert len(readers) == 2
    for reader in readers:
        reader.goto(f"{stack.url}/?region=330900&lang=en")
    holdings = {n: t("overview.holdings", "en", facts=n, events=len(DATA.events), sources=len(DATA.sources))
                for n in (len(DATA.facts), len(DATA.facts) - 1)}
    for reader in readers:
        reader.get_by_text(holdings[len(DATA.facts)]).wait_for()
    publish(smaller_package, server.url())
    for reader in readers:  # each replica asks for the current version again after VERSION_TTL
        for _ in range(12):
            reader.reload()
            wait_for_app(reader)
            if reader.get_by_text(holdings[len(DATA.facts) - 1]).count():
                break
            time.sleep(1)
        reader.get_by_text(holdings[len(DATA.facts) - 1]).wait_for(timeout=5_000)
        assert reader.locator("[data-testid='stException']").count() == 0
    for log in stack.prefix.glob("replica-*.log"):
        assert "Traceback" not in log.read_text(errors="replace"), log.read_text(errors="replace")[-3000:]
