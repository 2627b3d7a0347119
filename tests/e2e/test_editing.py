"""Editors publish from the browser, through the nginx recipe, signed in through a real OpenID Connect provider
(deploy/oidc: oidc-provider on loopback). One shared stack for the module: the provider, PostgreSQL with the
recipe's roles (the bundled package published as the writer), one readers' replica under /qinglian/ reading as
qinglian_reader, the editor app under /edit/ writing as qinglian_writer, nginx in front.

The door: no session, a forged or an expired sign-in cookie, or a signed-in non-editor reaches no editing
control; the sign-in routes are rate-limited. The journey: an editor signs in, pastes a bulletin, reviews,
publishes; the reader's tab (another process on the same store) shows the new figure and a /changes entry; a
correction shows on the figure's page with the old value; a rollback restores the earlier figures.
"""
import json
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from dashboard.kernel.i18n import t
from dashboard.publish import publish
from dashboard.storing import changes
from deploy import oidc_provider
from deploy.browser import wait_for_app
from deploy.local_stack import running_stack
from deploy.server import running_app
from tests.e2e.helpers import extract_on_add
from tests.conftest import ROOT, fresh_database, require

pytestmark = pytest.mark.e2e
TTL = 3  # the readers' version TTL (seconds): a change shows within it
ROLES = ROOT / "deploy" / "postgres" / "roles.sql"
# The extractor's id for 立案312件 in BULLETIN (indicator, area, period): checked against the record below.
NEW_ID = "cases-filed-330900-2019-01-01-2019-12-31"
# The city named in its sentence (舟山市2019年,全市…): the extractor is sure of the rows, so "accept all high" takes them.
BULLETIN = "舟山市纪委监委\n舟山市2019年,全市纪检监察机关共处置问题线索1024件,立案312件,处分287人。"
EDITING_CONTROLS = "textarea, [data-testid='stFileUploader'], [data-testid='stForm']"  # none before the door opens


@pytest.fixture(scope="module")
def site(nginx, postgres_server, own_ports):
    """(nginx's base URL, the writer's database URL, the editor app's cookie secret, the stack)."""
    require(oidc_provider.NODE if oidc_provider.installed() else None,
            "the test sign-in provider (Node.js and `npm ci` in deploy/oidc)")
    listen = own_ports.site
    redirect = f"http://127.0.0.1:{listen}/edit/oauth2callback"
    server, database = postgres_server, fresh_database(postgres_server)
    with tempfile.TemporaryDirectory(prefix="qinglian-editing-") as folder, \
            oidc_provider.running_provider([redirect]) as provider:
        server.execute(ROLES.read_text(encoding="utf-8"), db=database)
        writer, reader = server.url("qinglian_writer", database), server.url("qinglian_reader", database)
        publish(ROOT / "data" / "datapackage.json", writer)
        secret = "s" * 40
        (Path(folder) / "secrets.toml").write_text(oidc_provider.secrets_toml(provider, redirect, secret))
        with running_stack(replicas=1, env={"QINGLIAN_STORE": reader, "QINGLIAN_VERSION_TTL": str(TTL)}, listen=listen,
                           editor_env={"QINGLIAN_STORE": writer, "QINGLIAN_EDITORS": oidc_provider.USERS["editor"]},
                           editor_options=("--secrets.files", str(Path(folder) / "secrets.toml"))) as stack:
            yield f"http://127.0.0.1:{listen}", writer, secret, stack


def _auth_cookie(site_url: str, secret: str, email: str, days_old: float = 0) -> dict:
    """Streamlit's own sign-in cookie (`_streamlit_user`, itsdangerous-signed JSON), made here to forge one."""
    class Dated(TimestampSigner):
        def get_timestamp(self):
            return int(time.time() - days_old * 86400)

    value = json.dumps({"sub": email.split("@")[0], "email": email, "origin": site_url, "is_logged_in": True,
                        "provider": "default"})
    signed = URLSafeTimedSerializer(secret, salt="_streamlit_user", signer=Dated).dumps(value)
    return {"name": "_streamlit_user", "value": signed, "url": f"{site_url}/edit/"}


def _open_editor(new_page, site_url: str, path: str = "", cookies: list | None = None, **options):
    page = new_page(locale="en-US", cookies=cookies, **options)
    page.goto(f"{site_url}/edit/{path}")
    wait_for_app(page)
    return page


def _sign_in(page, user: str) -> None:
    page.get_by_role("button", name=t("edit.sign_in", "en")).click()
    page.wait_for_selector("input[name=login]", timeout=30_000)
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.wait_for_url("**/edit/**", timeout=30_000)
    wait_for_app(page)


def test_without_a_session_the_editor_offers_only_the_sign_in(site, new_page):
    page = _open_editor(new_page, site[0])
    assert page.get_by_text(t("edit.sign_in_needed", "en")).is_visible()
    assert page.locator(EDITING_CONTROLS).count() == 0


@pytest.mark.parametrize("forgery", ["wrong key", "expired"])
def test_a_forged_or_expired_sign_in_cookie_reaches_no_editing_control(site, new_page, forgery):
    site_url, _, secret, _ = site
    cookie = _auth_cookie(site_url, "not-the-secret" * 3 if forgery == "wrong key" else secret,
                          oidc_provider.USERS["editor"], days_old=0 if forgery == "wrong key" else 60)
    page = _open_editor(new_page, site_url, cookies=[cookie])
    assert page.get_by_text(t("edit.sign_in_needed", "en")).is_visible()
    assert page.locator(EDITING_CONTROLS).count() == 0


def test_the_same_cookie_rightly_signed_and_fresh_opens_the_editor(site, new_page):
    """The control for the two above: the forged cookies differ from a real one only in key and age."""
    site_url, _, secret, _ = site
    page = _open_editor(new_page, site_url, cookies=[_auth_cookie(site_url, secret, oidc_provider.USERS["editor"])])
    assert page.get_by_text(t("edit.signed_in_as", "en", who=oidc_provider.USERS["editor"])).is_visible()


def test_the_editor_pages_pass_axe_in_both_languages(site, new_page):
    """axe-core's WCAG 2.1 A/AA checks (as tests/e2e/test_accessibility.py runs them on the readers' pages)."""
    axe = ROOT / "tests" / "e2e" / "audit" / "node_modules" / "axe-core" / "axe.min.js"
    require(str(axe) if axe.exists() else None, "axe-core (npm ci in tests/e2e/audit)")
    site_url, _, secret, _ = site
    page = _open_editor(new_page, site_url, cookies=[_auth_cookie(site_url, secret, oidc_provider.USERS["editor"])],
                        bypass_csp=True)  # the recipe's CSP would refuse axe's injected script, rightly
    found = {}
    for path in ("", "figure?id=cases-filed-330900-2018-01-01-2018-11-30", "versions"):
        for lang in ("zh", "en"):
            page.goto(f"{site_url}/edit/{path}{'&' if '?' in path else '?'}lang={lang}")
            wait_for_app(page)
            page.add_script_tag(content=axe.read_text(encoding="utf-8"))
            result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                                   "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})")
            if result["violations"]:
                found[f"{path or 'publish'} {lang}"] = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
                                                        for v in result["violations"]]
    assert not found, found


def test_a_signed_in_non_editor_is_told_so_and_reaches_no_editing_control(site, new_page):
    page = _open_editor(new_page, site[0])
    _sign_in(page, "reader")
    assert page.get_by_text(t("edit.not_editor", "en", who=oidc_provider.USERS["reader"])).is_visible()
    assert page.locator(EDITING_CONTROLS).count() == 0


def test_the_readers_site_never_reaches_the_editor_process(site):
    site_url, _, _, stack = site
    for path in ("/qinglian/edit/", "/qinglian/editing/views/publish.py"):
        with urllib.request.urlopen(site_url + path) as answer:
            assert answer.status == 200  # the readers' app shell, served by a reader replica
    readers = {url.split("//")[1].split("/")[0] for url in stack.replica_urls}
    upstreams = [line.split("upstream=")[1].split()[0] for line in stack.access_log() if "/qinglian/edit" in line]
    assert upstreams and set(upstreams) <= readers


def _fill_and_publish(page, note: str) -> None:
    page.get_by_label(t("add.paste", "en")).fill(BULLETIN)
    extract_on_add(page, "en", {"add.title": "测试通报", "add.publisher": "舟山市纪委监委", "add.source_id": "zs-2020-e2e"},
                   "2020-01-20")
    page.get_by_role("button", name=re.compile(re.escape(t("add.accept_high", "en", n=0)[:6]))).click()  # the sure rows
    wait_for_app(page)
    page.get_by_label(t("edit.note", "en")).fill(note)
    page.get_by_role("button", name=t("edit.publish", "en"), exact=True).click()
    said = t("edit.published", "en", version="§", added=3, corrected=0, withdrawn=0).split("§")
    page.get_by_text(re.compile(re.escape(said[0]) + r"\d+" + re.escape(said[1]))).wait_for(timeout=60_000)


def _reader_sees(page, url: str, text: str) -> None:
    """The reader's tab, reloaded until `text` shows: within the version TTL (and a page's run) of the change."""
    deadline = time.monotonic() + TTL + 30
    while True:
        page.goto(url)
        wait_for_app(page)
        if page.get_by_text(text, exact=False).count():
            return
        assert time.monotonic() < deadline, f"{url} never showed {text!r}"
        time.sleep(1)


def test_an_editor_publishes_corrects_and_rolls_back_and_a_reader_sees_each(site, new_page):
    site_url, writer, _, _ = site
    editor = _open_editor(new_page, site_url, "?lang=en")
    _sign_in(editor, "editor")
    assert editor.get_by_text(t("edit.signed_in_as", "en", who=oidc_provider.USERS["editor"])).is_visible()
    _fill_and_publish(editor, "2019 figures for the city")
    published = changes.change_log(writer).iloc[0]
    assert (published.action, published.editor, published.added) == ("publish", oidc_provider.USERS["editor"], 3)
    assert changes.history(writer, NEW_ID)["action"].tolist() == ["added"]

    reader = new_page(locale="en-US")  # another process (the readers' replica, reader role) on the same database
    _reader_sees(reader, f"{site_url}/qinglian/changes?lang=en", "2019 figures for the city")
    assert reader.get_by_text(f"{t('changes.version', 'en', version=published.version)} · {t('action.publish', 'en')}").is_visible()
    _reader_sees(reader, f"{site_url}/qinglian/figure?id={NEW_ID}&lang=en", "312 cases")

    editor.goto(f"{site_url}/edit/figure?id={NEW_ID}&lang=en")
    wait_for_app(editor)
    editor.get_by_label(t("edit.new_value", "en")).fill("313")
    editor.get_by_label(t("edit.reason", "en")).first.fill("the bulletin says 313")
    editor.get_by_role("button", name=t("edit.correct", "en"), exact=True).click()
    editor.get_by_text(t("edit.done", "en", version=published.version + 1)).wait_for(timeout=60_000)

    _reader_sees(reader, f"{site_url}/qinglian/figure?id={NEW_ID}&lang=en", "313 cases")
    assert reader.get_by_role("heading", name=t("figure.history", "en")).is_visible()
    assert reader.get_by_text(f"{t('revision.corrected', 'en')} value 312 → 313. Reason: the bulletin says 313").is_visible()

    editor.goto(f"{site_url}/edit/versions?lang=en")
    wait_for_app(editor)
    editor.get_by_label(t("edit.note", "en")).fill("undo the correction")
    editor.get_by_role("button", name=t("edit.rollback", "en"), exact=True).click()
    editor.get_by_text(t("edit.done", "en", version=published.version + 2)).wait_for(timeout=60_000)

    _reader_sees(reader, f"{site_url}/qinglian/figure?id={NEW_ID}&lang=en", "312 cases")
    _reader_sees(reader, f"{site_url}/qinglian/changes?lang=en", t("changes.rolled_back_to", "en", version=published.version))


def test_the_sign_in_route_is_rate_limited(site):
    """Last in the module: it spends this address's sign-in burst."""
    statuses = []
    for _ in range(12):
        try:
            with urllib.request.urlopen(f"{site[0]}/edit/auth/login?provider=x") as answer:
                statuses.append(answer.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    assert 429 in statuses and statuses[0] != 429


def test_without_a_provider_only_a_direct_local_browser_edits_never_one_through_a_proxy(new_page, tmp_path, own_ports):
    """The laptop mode (no [auth] in secrets.toml): Chromium on this machine edits as the local user; the same
    browser with a proxy's X-Forwarded-For header (as nginx sends it) is refused before any editing control."""
    shutil.copytree(ROOT / "data", tmp_path / "package")
    with running_app("dashboard/edit.py", {"STREAMLIT_SERVER_BASE_URL_PATH": "edit",
                                           "QINGLIAN_DATA": str(tmp_path / "package" / "datapackage.json")},
                     port=own_ports.app) as url:
        local = new_page(locale="en-US")
        local.goto(f"{url}/?lang=en")
        wait_for_app(local)
        assert local.get_by_text(t("edit.local", "en", user="§").split("§")[0]).is_visible()
        assert local.locator("textarea").count() == 1
        proxied = new_page(locale="en-US", extra_http_headers={"X-Forwarded-For": "203.0.113.9"})
        proxied.goto(f"{url}/?lang=en")
        proxied.get_by_text(t("edit.remote", "en")).wait_for(timeout=30_000)
        assert proxied.locator(EDITING_CONTROLS).count() == 0
