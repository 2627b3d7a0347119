"""Readers see the record: /changes lists each version (when, who, what, links to the figures and the source),
and a figure's page shows its history (old → new with the reason); a withdrawn figure's page says so."""
import shutil

import pandas as pd
import pytest

from dashboard.kernel.i18n import t
from dashboard.storing import changes
from tests.conftest import ROOT, open_app


@pytest.fixture
def changed(tmp_path, monkeypatch):
    """SYNTHETIC changes on a copy of the bundled package: one correction, then one withdrawal."""
    folder = tmp_path / "package"
    shutil.copytree(ROOT / "data", folder)
    store = str(folder / "datapackage.json")
    monkeypatch.setenv("QINGLIAN_DATA", store)
    monkeypatch.delenv("QINGLIAN_STORE", raising=False)
    facts = pd.read_csv(folder / "facts.csv", dtype=str, keep_default_na=False)
    corrected, gone = facts.iloc[0], facts.iloc[1]
    changes.correct(store, corrected.fact_id, {"value": "99"}, "editor@example.org", "原文是99 / the text says 99")
    changes.withdraw(store, gone.fact_id, "editor@example.org", "重复 / a duplicate")
    return corrected, gone


def test_without_changes_the_page_says_there_are_none(open_page):
    at = open_page("changes", lang="en")
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("page.changes", "en")
    assert at.info[0].value == t("changes.none", "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_version_says_when_who_what_and_links_its_figures(changed, lang):
    corrected, gone = changed
    at = open_app("changes", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    headers = [h.value for h in at.header]
    assert headers == [f"{t('changes.version', lang, version=2)} · {t('action.withdraw', lang)}",
                       f"{t('changes.version', lang, version=1)} · {t('action.correct', lang)}"]
    text = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert t("changes.counts", lang, added=0, corrected=1, withdrawn=0) in text
    assert "重复 / a duplicate" in text
    assert f"figure?id={corrected.fact_id}&lang={lang}" in text and f"figure?id={gone.fact_id}&lang={lang}" in text
    assert sum("editor@example.org" in c.value.replace("\\", "") and "UTC" in c.value for c in at.caption) == 2


def test_a_corrected_figure_shows_its_old_value_and_the_reason(changed):
    corrected, _ = changed
    at = open_app("figure", id=corrected.fact_id, lang="en")
    assert not at.exception
    assert t("figure.history", "en") in [h.value for h in at.header]
    text = at.markdown[-1].value.replace("\\", "")
    assert f"{t('revision.corrected', 'en')} value {corrected.value} → 99. Reason: 原文是99 / the text says 99" in text


def test_a_withdrawn_figure_says_so_with_its_last_values(changed):
    _, gone = changed
    at = open_app("figure", id=gone.fact_id, lang="zh")
    assert not at.exception
    assert at.title[0].value == t("figure.withdrawn_title", "zh")
    assert at.warning[0].value == t("figure.withdrawn", "zh")
    text = at.markdown[-1].value.replace("\\", "")
    assert f"{t('revision.withdrawn', 'zh')} value" in text and "→ —。理由:重复 / a duplicate" in text


def test_a_figure_never_changed_has_no_history_section(open_page, dataset):
    at = open_page("figure", id=dataset.facts["fact_id"].iloc[0], lang="en")
    assert t("figure.history", "en") not in [h.value for h in at.header]
