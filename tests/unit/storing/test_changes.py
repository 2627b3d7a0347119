"""Changes on the record, in a package folder: publish, correct, withdraw and roll back write a new
version with its change record, or leave every file as it was; two publishers both land."""
import itertools
import json
import os
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from dashboard.kernel.problems import DataPackageError, PublishError
from dashboard.storing import changes
from dashboard.storing.package import package_dataset_and_problems, read_package
from tests.conftest import PACKAGE


YEARS = itertools.count(1900)  # a new period per synthetic row: never the same figure twice


@pytest.fixture
def store(tmp_path) -> str:
    """A copy of the bundled package (no change records yet) to change."""
    shutil.copytree(PACKAGE.parent, tmp_path / "data")
    return str(tmp_path / "data" / "datapackage.json")


def facts_of(store: str) -> pd.DataFrame:
    return pd.read_csv(Path(store).parent / "facts.csv", dtype=str, keep_default_na=False)


def new_rows(store: str, *ids: str, value: str = "99") -> pd.DataFrame:
    """Rows in facts.csv's columns (as review.fact_rows gives them) that the package does not have yet;
    synthetic: an existing fact's cells with a new id and a period no fact of its indicator has."""
    template = facts_of(store).iloc[[0]]
    rows = pd.concat([template] * len(ids), ignore_index=True)
    rows["fact_id"] = list(ids)
    rows["period_start"] = rows["period_end"] = [f"{next(YEARS)}-01-01" for _ in ids]
    rows["value"] = value
    return rows


def files(store: str) -> dict[str, bytes]:
    folder = Path(store).parent
    return {f.name: f.read_bytes() for f in folder.iterdir() if f.suffix in {".csv", ".json"}}


def test_a_publish_adds_the_rows_as_a_new_version_with_its_record(store):
    before = len(facts_of(store))
    change = changes.publish(store, new_rows(store, "test-added-1", "test-added-2"), None, "alice@example.org", "two rows")
    assert (change.version, change.action, change.editor, change.added, change.corrected, change.withdrawn) == (
        1, "publish", "alice@example.org", 2, 0, 0)
    assert change.time.endswith("Z") and change.note == "two rows"
    assert len(facts_of(store)) == before + 2
    ds = read_package(Path(store))  # the loader's own checks pass on what was written
    assert ds.changes[["version", "action", "added"]].values.tolist() == [[1, "publish", 2]]
    added = ds.revisions.set_index("fact_id").loc["test-added-1"]
    assert (added["action"], added["field"], json.loads(added["new_value"])["value"]) == ("added", "", "99")


def test_a_publish_names_its_source_and_adds_it_once(store):
    source = pd.read_csv(Path(store).parent / "sources.csv", dtype=str, keep_default_na=False).iloc[[0]].copy()
    source["id"] = "test-source"
    rows = new_rows(store, "test-sourced")
    rows["source"] = "test-source"
    change = changes.publish(store, rows, source, "alice", "")
    assert change.source == "test-source"
    assert list(read_package(Path(store)).sources["id"]).count("test-source") == 1


def test_a_correction_keeps_the_id_and_the_old_value_in_the_history(store):
    fact_id, old = facts_of(store).iloc[3][["fact_id", "value"]]
    change = changes.correct(store, fact_id, {"value": "12345"}, "bob", "typo in the bulletin's copy")
    assert (change.version, change.action, change.corrected, change.note) == (1, "correct", 1, "typo in the bulletin's copy")
    ds = read_package(Path(store))
    assert ds.store.by_id(fact_id)["value"].tolist() == [12345.0]
    history = changes.history(store, fact_id)
    assert history[["version", "action", "field", "old_value", "new_value"]].values.tolist() == [
        [1, "corrected", "value", old, "12345"]]


def test_a_publish_of_an_existing_id_corrects_only_the_fields_that_differ(store):
    row = facts_of(store).iloc[[5]].copy()
    row["value"], row["note"] = "7", "corrected note"
    change = changes.publish(store, row, None, "alice", "re-read the bulletin")
    assert (change.added, change.corrected) == (0, 1)
    assert sorted(changes.history(store, row["fact_id"].iloc[0])["field"]) == ["note", "value"]


def test_a_withdrawn_figure_leaves_the_facts_and_keeps_its_last_values(store):
    row = facts_of(store).iloc[2]
    change = changes.withdraw(store, row["fact_id"], "bob", "double-counted")
    assert (change.action, change.withdrawn) == ("withdraw", 1)
    assert row["fact_id"] not in set(facts_of(store)["fact_id"])
    last = changes.history(store, row["fact_id"]).iloc[-1]
    assert (last["action"], json.loads(last["old_value"])) == ("withdrawn", row.to_dict())


def test_a_rollback_makes_an_earlier_version_current_as_a_new_version(store):
    original = facts_of(store)
    fact_id = original["fact_id"].iloc[1]
    changes.publish(store, new_rows(store, "test-rolled"), None, "alice", "v1")
    after_v1 = facts_of(store)
    changes.correct(store, fact_id, {"value": "1"}, "bob", "v2")
    changes.withdraw(store, original["fact_id"].iloc[4], "bob", "v3")
    changes.publish(store, new_rows(store, "test-later"), None, "alice", "v4")
    change = changes.rollback(store, 1, "carol", "back to the first publish")
    assert (change.version, change.action, change.rolled_back_to) == (5, "rollback", 1)
    assert (change.added, change.corrected, change.withdrawn) == (1, 1, 1)  # restored, un-corrected, un-added
    now = facts_of(store)
    assert now.set_index("fact_id").sort_index().equals(after_v1.set_index("fact_id").sort_index())
    assert changes.change_log(store)["version"].tolist() == [5, 4, 3, 2, 1]  # nothing rewritten, newest first
    restored = changes.history(store, original["fact_id"].iloc[4])["action"].tolist()
    assert restored == ["withdrawn", "restored"]


@pytest.mark.parametrize("call, message", [
    (lambda s: changes.correct(s, "no-such-fact", {"value": "1"}, "bob", "why"), "no figure 'no-such-fact'"),
    (lambda s: changes.correct(s, facts_of(s)["fact_id"][0], {"value": "1"}, "bob", "  "), "reason .* is required"),
    (lambda s: changes.correct(s, facts_of(s)["fact_id"][0], {"fact_id": "x"}, "bob", "why"), "keeps its fact_id"),
    (lambda s: changes.withdraw(s, facts_of(s)["fact_id"][0], "", "why"), "editor's identity is required"),
    (lambda s: changes.rollback(s, 7, "carol", ""), "no version 7"),
    (lambda s: changes.rollback(s, "1; DROP", "carol", ""), "no version 1; DROP"),
    (lambda s: changes.publish(s, new_rows(s, "test-twice", "test-twice"), None, "alice", ""), "'test-twice' is there more"),
    (lambda s: changes.publish(s, new_rows(s, "test-none")[:0], None, "alice", ""), "no rows to publish"),
    (lambda s: changes.publish(s, facts_of(s).iloc[[0]], None, "alice", ""), "changes no figure"),
    (lambda s: changes.publish(s, facts_of(s).iloc[[0]].assign(fact_id="test-again"), None, "alice", ""),
     "'test-again' has the indicator, area, period and source of"),
])
def test_a_bad_request_is_refused_in_both_languages_and_writes_nothing(store, call, message):
    before = files(store)
    with pytest.raises(PublishError, match=message) as refused:
        call(store)
    assert "未发布任何内容" in str(refused.value) and "Nothing was published" in str(refused.value)
    assert refused.value.zh.endswith("未发布任何内容。") and refused.value.en.endswith("Nothing was published.")
    assert files(store) == before


def test_a_row_the_package_rules_refuse_names_the_cell_and_writes_nothing(store):
    before = files(store)
    rows = new_rows(store, "test-bad-region")
    rows["region"] = "999999"
    with pytest.raises(DataPackageError, match=r"facts\.csv, row \d+, column 'region'"):
        changes.publish(store, rows, None, "alice", "")
    assert files(store) == before


def test_a_failure_between_renames_puts_the_old_files_back(store, monkeypatch):
    before, real, renamed = files(store), os.replace, []

    def replace_then_fail(source, target):
        renamed.append(Path(target).name) if Path(target).suffix == ".csv" else None
        if Path(target).name == "revisions.csv":  # facts.csv is already renamed
            raise OSError("disk full (simulated)")
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace_then_fail)
    with pytest.raises(OSError, match="simulated"):
        changes.publish(store, new_rows(store, "test-half"), None, "alice", "")
    monkeypatch.setattr(os, "replace", real)
    assert renamed[:2] == ["facts.csv", "revisions.csv"] and files(store) == before
    assert not [f for f in Path(store).parent.iterdir() if f.name.startswith(".") and f.name.endswith(".old")]


def test_two_publishers_at_once_both_land_one_after_the_other(store):
    ready, errors = threading.Barrier(2), []

    def publish(fact_id):
        ready.wait()
        try:
            changes.publish(store, new_rows(store, fact_id), None, f"editor-{fact_id}", "")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=publish, args=(f"test-race-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert {"test-race-1", "test-race-2"} <= set(facts_of(store)["fact_id"])
    assert sorted(changes.change_log(store)["version"]) == [1, 2]


def test_a_running_reader_serves_the_new_version_at_its_next_look(store):
    first, _ = package_dataset_and_problems(store)
    changes.publish(store, new_rows(store, "test-seen"), None, "alice", "")
    second, problems = package_dataset_and_problems(store)
    assert not problems and second.version != first.version
    assert second.store.by_id("test-seen")["value"].tolist() == [99.0]
    assert second.changes["version"].tolist() == [1] and first.changes.empty


def test_the_data_pages_zip_carries_the_change_record(store):
    import io
    import zipfile

    from dashboard.storing import zips

    changes.withdraw(store, facts_of(store)["fact_id"].iloc[0], "bob", "double-counted")
    with zipfile.ZipFile(io.BytesIO(zips.package_folder_zip(store))) as archive:
        assert "withdraw" in archive.read("qinglian-data/changes.csv").decode()
        assert "double-counted" in archive.read("qinglian-data/revisions.csv").decode()


def test_the_command_rolls_a_package_back_and_refuses_an_unknown_version(store):
    import subprocess
    import sys

    from tests.conftest import ROOT

    original = facts_of(store)
    changes.withdraw(store, original["fact_id"].iloc[0], "bob", "v1")
    changes.withdraw(store, original["fact_id"].iloc[1], "bob", "v2")
    command = [sys.executable, "-m", "dashboard.publish", "--rollback", "1", "--to", store]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    last = changes.change_log(store).iloc[0]
    assert (last["version"], last["action"], last["rolled_back_to"], last["editor"][:4]) == (3, "rollback", 1, "cli:")
    assert original["fact_id"].iloc[1] in set(facts_of(store)["fact_id"])
    refused = subprocess.run(command[:4] + ["9", *command[5:]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "There is no version 9" in refused.stderr and "没有版本 9" in refused.stderr


def test_a_store_that_is_no_package_is_refused(tmp_path):
    with pytest.raises(PublishError, match="is not a data package"):
        changes.withdraw(str(tmp_path / "nowhere"), "x", "bob", "why")


KILLED_WRITER = """
import os, sys
from pathlib import Path
import pandas as pd
from dashboard.storing import changes
store, kill_at = sys.argv[1], sys.argv[2]
real = os.replace
def replace_then_die(source, target):
    if Path(target).name == kill_at:
        os._exit(9)  # as a killed process: no exception handler, no cleanup
    real(source, target)
    if Path(target).name == "facts.csv" and kill_at == "after-facts":
        os._exit(9)
os.replace = replace_then_die
rows = pd.read_csv(Path(store).parent / "facts.csv", dtype=str, keep_default_na=False).iloc[[0]]
rows["fact_id"], rows["period_start"], rows["period_end"] = "test-killed", "2009-01-01", "2009-01-01"
changes.publish(store, rows, None, "alice", "killed")
"""


@pytest.mark.parametrize("kill_at, finished", [(".qinglian-publish.pending", False), ("after-facts", True)])
def test_a_writer_killed_midway_is_finished_or_dropped_by_the_next(store, kill_at, finished):
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, store, kill_at], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 9, done.stderr
    changes.publish(store, new_rows(store, "test-next"), None, "bob", "next")
    ids = set(facts_of(store)["fact_id"])
    log = changes.change_log(store)
    if finished:  # killed after the commit point: its change is completed, record and all, then the next one
        assert {"test-killed", "test-next"} <= ids and log["note"].tolist() == ["next", "killed"]
    else:  # killed before it: nothing of it was ever current
        assert "test-killed" not in ids and log["note"].tolist() == ["next"]
    assert not [f.name for f in Path(store).parent.iterdir() if f.name.endswith((".new", ".old", ".pending", ".tmp"))]
    read_package(Path(store))  # a valid package either way
