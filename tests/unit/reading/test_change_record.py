"""The change record in readers' words: versions newest first with links, a figure's history readable."""
import json

import pandas as pd

from dashboard.kernel.i18n import t
from dashboard.reading.change_record import change_table, figure_history, is_withdrawn, shown, version_entries, when
from dashboard.storing.ledger import change_frame, revision_frame


def _dataset(dataset):
    """SYNTHETIC: two changes on the bundled dataset's first figure."""
    from dataclasses import replace

    fact = dataset.facts.iloc[0]
    row = json.dumps({"fact_id": fact.fact_id, "value": "12"})
    changes = change_frame([
        {"version": 1, "time": "2026-12-07T04:31:05Z", "editor": "a@example.org", "action": "correct", "source": "",
         "added": 0, "corrected": 1, "withdrawn": 0, "rolled_back_to": "", "note": "typo"},
        {"version": 2, "time": "2026-12-07T05:00:00Z", "editor": "b@example.org", "action": "withdraw", "source": "",
         "added": 0, "corrected": 0, "withdrawn": 1, "rolled_back_to": "", "note": "duplicate"}])
    revisions = revision_frame([
        {"version": 1, "fact_id": fact.fact_id, "action": "corrected", "field": "value", "old_value": "11",
         "new_value": "12", "reason": "typo"},
        {"version": 2, "fact_id": fact.fact_id, "action": "withdrawn", "field": "", "old_value": row, "new_value": "",
         "reason": "duplicate"}])
    return replace(dataset, changes=changes, revisions=revisions), fact.fact_id


def test_versions_come_newest_first_with_who_when_and_links_to_their_figures(dataset):
    ds, fact_id = _dataset(dataset)
    first, second = version_entries(ds, "en")
    assert (first.version, second.version) == (2, 1)
    assert first.title == f"{t('changes.version', 'en', version=2)} · {t('action.withdraw', 'en')}"
    assert first.when_by == "2026-12-07 05:00 UTC · b@example.org"
    assert first.figures == ((f"{t('revision.withdrawn', 'en')} · {fact_id}", f"figure?id={fact_id}&lang=en"),)


def test_a_history_reads_old_to_new_with_the_reason_and_a_whole_row_as_its_value(dataset):
    ds, fact_id = _dataset(dataset)
    table = figure_history(ds, fact_id, "zh")
    assert table[[t("col.field", "zh"), t("col.old", "zh"), t("col.new", "zh"), t("col.reason", "zh")]].values.tolist() == [
        ["value", "11", "12", "typo"], ["value", "12", "", "duplicate"]]
    assert is_withdrawn(ds, fact_id) and not is_withdrawn(ds, "no-such-figure")


def test_odd_values_stay_as_written():
    assert shown("{not json") == "{not json" and shown("[1]") == "[1]" and shown("约3个月") == "约3个月"
    assert when("not a time") == "not a time"


def test_the_change_log_reads_in_the_page_language_with_no_none_for_no_rollback(dataset):
    ds, _ = _dataset(dataset)
    table = change_table(ds.changes, "zh")
    assert list(table[t("col.action", "zh")]) == [t("action.withdraw", "zh"), t("action.correct", "zh")]
    assert list(table[t("action.rollback", "zh")]) == ["", ""]
