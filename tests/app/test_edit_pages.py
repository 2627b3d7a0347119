"""The editor app's pages in AppTest, on a copy of the bundled package (a laptop without a provider:
the local user edits, and every page says so): publish from the review, correct, withdraw, roll back,
each landing in the package with its change record."""
from datetime import date

import pandas as pd
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from dashboard.kernel.i18n import t
from tests.conftest import ROOT

EDIT = str(ROOT / "dashboard" / "edit.py")
BULLETIN = "舟山市纪委监委\n2019年,全市纪检监察机关共处置问题线索1024件,立案312件,处分287人。"
SOURCE = {"title": "测试通报", "title_en": "A test bulletin", "publisher": "舟山市纪委监委", "publisher_en": "Zhoushan CDI",
          "source_id": "zs-2020-edittest"}


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A copy of the bundled package for the editor to write into (the original is never touched)."""
    import shutil

    folder = tmp_path / "package"
    shutil.copytree(ROOT / "data", folder)
    monkeypatch.setenv("QINGLIAN_DATA", str(folder / "datapackage.json"))
    monkeypatch.delenv("QINGLIAN_STORE", raising=False)
    before = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")  # without a provider only a loopback server edits
    yield folder
    config.set_option("server.address", before)


def _open(page: str = "", lang: str = "en", **params) -> AppTest:
    at = AppTest.from_file(EDIT, default_timeout=90)
    at.query_params.update({"lang": lang, **params})
    if page:
        at.switch_page(f"editing/views/{page}.py")
    return at.run()


def _read(folder, name):
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def _reviewed() -> AppTest:
    """The editor's publish page with BULLETIN extracted and the rows the extractor is sure of accepted."""
    at = _open()
    at.text_area(key="add_text").set_value(BULLETIN)
    at.date_input(key="add_date").set_value(date(2020, 1, 20))
    for key, value in SOURCE.items():
        at.text_input(key=f"add_{key}").set_value(value)
    at.selectbox(key="add_region").set_value("330900")  # the bulletin's area, chosen: the rows can be sure of it
    at.run()
    at.button(key="add_go").click().run()
    return at.button(key="add_accept_high").click().run()


def _published(folder) -> AppTest:
    at = _reviewed()
    at.text_input(key="edit_note").set_value("2019 年全市数字")
    return _submit(at, "edit_publish_form")


def _submit(at: AppTest, form: str) -> AppTest:
    """Press the submit button of the form with this key."""
    button = next(b for b in at.get("button") if b.proto.id and form in b.proto.id and b.proto.is_form_submitter)
    return button.click().run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_says_that_it_edits_as_the_local_user_without_a_provider(lang, package):
    for page in ("", "figure", "versions"):
        at = _open(page, lang)
        assert not at.exception, [e.value for e in at.exception]
        assert at.warning[0].value.startswith(t("edit.local", lang, user="§").split("§")[0])


def test_publishing_from_the_review_writes_the_rows_and_a_change_record(package):
    facts_before = len(_read(package, "facts"))
    at = _published(package)
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[-1].value == t("edit.published", "en", version=1, added=3, corrected=0, withdrawn=0)
    assert len(_read(package, "facts")) == facts_before + 3
    change = _read(package, "changes").iloc[-1]
    assert (change.action, change.source, change.added, change.note) == ("publish", "zs-2020-edittest", "3", "2019 年全市数字")
    assert change.editor.startswith("local:")


def test_a_publish_without_a_note_writes_nothing(package):
    at = _reviewed()
    at = _submit(at, "edit_publish_form")
    assert at.error[-1].value == t("edit.note_needed", "en")
    assert _read(package, "changes").empty


def test_correcting_then_withdrawing_a_figure_keeps_the_old_values_and_reasons(package):
    fact = _read(package, "facts").iloc[0]
    at = _open("figure", id=fact.fact_id)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="edit_field").value == "value"  # the field most often corrected comes first
    at.text_input(key="edit_new_value").set_value("12")
    at.text_input(key="edit_correct_reason").set_value("原文为12")
    at = _submit(at, "edit_correct_form")
    assert at.success[-1].value == t("edit.done", "en", version=1)
    assert _read(package, "facts").set_index("fact_id").at[fact.fact_id, "value"] == "12"
    at.text_input(key="edit_withdraw_reason").set_value("重复")
    at = _submit(at, "edit_withdraw_form")
    assert at.success[-1].value == t("edit.done", "en", version=2)
    assert fact.fact_id not in set(_read(package, "facts")["fact_id"])
    revisions = _read(package, "revisions")
    assert revisions[["version", "action", "old_value", "new_value", "reason"]].values.tolist()[0] == [
        "1", "corrected", fact.value, "12", "原文为12"]
    assert list(revisions["action"]) == ["corrected", "withdrawn"]


def test_a_withdrawal_without_a_reason_writes_nothing(package):
    fact_id = _read(package, "facts").iloc[0].fact_id
    at = _submit(_open("figure", id=fact_id), "edit_withdraw_form")
    assert at.error[-1].value == t("edit.reason_needed", "en")
    assert fact_id in set(_read(package, "facts")["fact_id"])


def test_an_unknown_figure_id_says_so(package):
    at = _open("figure", id="<b>no-such</b>")
    assert not at.exception
    assert "no-such" in at.info[0].value and not at.get("form")


def test_rolling_back_makes_an_earlier_versions_figures_current_as_a_new_version(package):
    facts = _read(package, "facts")
    _published(package)
    assert len(_read(package, "facts")) == len(facts) + 3
    at = _open("figure", id=facts.iloc[0].fact_id)
    at.text_input(key="edit_withdraw_reason").set_value("测试撤下")
    _submit(at, "edit_withdraw_form")
    at = _open("versions")
    assert not at.exception, [e.value for e in at.exception]
    assert at.number_input(key="edit_rollback_version").value == 1  # the version before the newest, by default
    at.text_input(key="edit_rollback_note").set_value("撤下有误")
    at = _submit(at, "edit_rollback_form")
    assert at.success[-1].value == t("edit.done", "en", version=3)
    assert len(_read(package, "facts")) == len(facts) + 3
    last = _read(package, "changes").iloc[-1]
    assert (last.action, last.rolled_back_to) == ("rollback", "1")


def _published_into(url: str, package, monkeypatch):
    """The bundled package published into `url`, then the page's Publish into it: the newest change record."""
    from dashboard.publish import publish
    from dashboard.storing import changes

    publish(ROOT / "data" / "datapackage.json", url)
    monkeypatch.setenv("QINGLIAN_STORE", url)
    before = changes.change_log(url)
    at = _published(package)
    assert not at.exception and not at.error, [e.value for e in at.exception] + [e.value for e in at.error]
    log = changes.change_log(url)
    assert len(log) == len(before) + 1
    return log.iloc[0]


def test_publishing_into_a_database_writes_a_new_version_with_its_change_record(package, tmp_path, monkeypatch):
    record = _published_into(f"duckdb:///{tmp_path / 'qinglian.duckdb'}", package, monkeypatch)
    assert (record["action"], record["added"], record["note"]) == ("publish", 3, "2019 年全市数字")
    assert _read(package, "changes").empty  # the package the review checks against is not the store


def test_publishing_into_postgresql_writes_a_new_version_with_its_change_record(package, monkeypatch, postgres_server):
    from tests.conftest import fresh_database

    record = _published_into(postgres_server.url(db=fresh_database(postgres_server)), package, monkeypatch)
    assert (record["action"], record["added"], record["source"]) == ("publish", 3, "zs-2020-edittest")
    assert record["editor"].startswith("local:")


def test_rows_already_published_are_refused_in_the_editors_words_and_publish_stays_off(package):
    _published(package)
    at = _reviewed()
    assert at.error[0].value.endswith(t("edit.invalid", "en", n=0).split(" ", 1)[1])  # the number aside
    assert at.info[-1].value == t("edit.publish_blocked", "en")
    submit = next(b for b in at.get("button") if b.proto.is_form_submitter)
    assert submit.proto.disabled
