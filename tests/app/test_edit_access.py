"""The editor app's door (dashboard/edit.py) in AppTest: nobody reaches an editing control without being
an editor, and a laptop without a provider is told on every page that it edits as the local user."""
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from dashboard.kernel.i18n import t
from tests.conftest import ROOT

EDIT = str(ROOT / "dashboard" / "edit.py")
AUTH = {"auth": {"redirect_uri": "http://127.0.0.1:8502/edit/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "qinglian-editor", "client_secret": "s",
                 "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}}
EDITING_KEYS = ("edit_publish_form", "add_text", "edit_fact_id", "edit_rollback_version")


def _open(user=None, secrets=None, lang="en") -> AppTest:
    at = AppTest.from_file(EDIT, default_timeout=90)
    at.query_params["lang"] = lang
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    return at.run()


def _no_editing_control(at: AppTest) -> None:
    keys = {w.key for kind in ("text_input", "text_area", "selectbox", "button") for w in getattr(at, kind)}
    assert not keys & set(EDITING_KEYS), keys
    assert not at.get("data_editor") and not at.get("file_uploader")


@pytest.fixture
def loopback_server():
    before = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", before)


def test_without_a_provider_a_server_open_to_others_serves_nothing_and_says_why():
    at = _open()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error[0].value == t("edit.remote", "en")
    _no_editing_control(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_a_provider_a_visitor_sees_only_the_sign_in_button(lang, loopback_server):
    at = _open(user={"is_logged_in": False}, secrets=AUTH, lang=lang)
    assert not at.exception
    assert at.info[0].value == t("edit.sign_in_needed", lang)
    assert [b.label for b in at.button] == [t("edit.sign_in", lang)]
    _no_editing_control(at)


def test_a_signed_in_non_editor_is_told_so_and_sees_nothing_else(monkeypatch, loopback_server):
    monkeypatch.setenv("QINGLIAN_EDITORS", "editor@example.org")
    at = _open(user={"is_logged_in": True, "email": "reader@example.org"}, secrets=AUTH)
    assert not at.exception
    assert at.warning[0].value == t("edit.not_editor", "en", who="`reader@example.org`")
    assert [b.label for b in at.button] == [t("edit.sign_out", "en")]
    _no_editing_control(at)


def test_a_forged_email_without_a_sign_in_is_no_editor(monkeypatch, loopback_server):
    monkeypatch.setenv("QINGLIAN_EDITORS", "editor@example.org")
    at = _open(user={"email": "editor@example.org"}, secrets=AUTH)  # no is_logged_in: Streamlit's own cookie absent
    assert at.info[0].value == t("edit.sign_in_needed", "en")
    _no_editing_control(at)


def test_an_editor_without_qinglian_store_is_told_to_name_the_database_rather_than_writing_to_the_readers_one(
        monkeypatch, loopback_server):
    monkeypatch.delenv("QINGLIAN_STORE", raising=False)
    at = _open(secrets={"connections": {"qinglian": {"url": "postgresql://qinglian_reader@127.0.0.1:9/qinglian"}}})
    assert not at.exception
    assert at.error[0].value == t("edit.store_env", "en")
    _no_editing_control(at)
