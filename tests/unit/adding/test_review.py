"""The /add page's work that is not the page: counting the reader's edits to the extracted rows."""
import pandas as pd

from dashboard.adding.review import edits


def test_the_review_counts_changed_added_and_deleted_rows():
    extracted = pd.DataFrame({"value": ["1", "2", "3"], "note": ["", "", ""]})
    assert edits(extracted, extracted.copy()) == 0
    changed = extracted.assign(note=["checked", "", ""])
    assert edits(extracted, changed) == 1
    assert edits(extracted, changed.drop(index=2)) == 2  # one changed, one deleted
    added = pd.concat([extracted, pd.DataFrame({"value": ["4"], "note": [""]}, index=[7])])
    assert edits(extracted, added) == 1
