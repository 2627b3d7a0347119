"""Reviewed rows into the package: all or nothing, checked by the loader's rules, written atomically.
Every test works on a copy of data/ in a temporary folder."""
import contextlib
import hashlib
import os
from pathlib import Path

import pandas as pd
import pytest

from dashboard import extract
from dashboard.adding import append
from dashboard.kernel.problems import validate_package
from tests.broken import copy_package

SEED_LIKE = "舟山市纪委监委\n2019年,全市纪检监察机关共立案312件,处分287人。"


def _digest(folder: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())}


def _extract(tmp_path: Path, folder: Path, text: str, *extra: str) -> tuple[Path, Path]:
    bulletin, rows, source = tmp_path / "b.txt", tmp_path / "rows.csv", tmp_path / "source.csv"
    bulletin.write_text(text, encoding="utf-8")
    with open(rows, "w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        assert extract.main(["--date", "2020-01-20", "--source", "zs-2020-test", "--package",
                             str(folder / "datapackage.json"), "--title", "测试通报", "--title-en", "Test bulletin",
                             "--publisher", "舟山市纪委监委", "--publisher-en", "Zhoushan CDI",
                             "--source-row", str(source), *extra, str(bulletin)]) == 0
    return rows, source


def test_extracted_rows_and_their_source_are_added_and_the_package_stays_valid(tmp_path):
    folder = copy_package(tmp_path)
    rows, source = _extract(tmp_path, folder, SEED_LIKE)
    assert extract.main(["--append", str(folder), "--source-row", str(source), str(rows)]) == 0
    assert validate_package(folder / "datapackage.json") == []
    facts = pd.read_csv(folder / "facts.csv", dtype=str, keep_default_na=False)
    added = facts[facts["source"] == "zs-2020-test"]
    assert sorted(added["indicator"]) == ["cases_filed", "people_disciplined"]
    assert set(added["period_start"]) == {"2019-01-01"}
    record = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False).set_index("id").loc["zs-2020-test"]
    assert record["text_sha256"] == hashlib.sha256(SEED_LIKE.encode()).hexdigest()
    assert record["retrieved"] and record["date"] == "2020-01-20"


def test_a_duplicate_is_refused_and_nothing_is_written(tmp_path, capsys):
    folder = copy_package(tmp_path)
    rows, source = _extract(tmp_path, folder, SEED_LIKE)
    assert extract.main(["--append", str(folder), "--source-row", str(source), str(rows)]) == 0
    before = _digest(folder)
    again = pd.read_csv(rows, dtype=str, keep_default_na=False).assign(fact_id=lambda f: f["fact_id"] + "-again")
    again.to_csv(rows, index=False)
    assert extract.main(["--append", str(folder), "--source-row", str(source), str(rows)]) == 1
    assert "the same indicator, area, period and source" in capsys.readouterr().err
    assert _digest(folder) == before


@pytest.mark.parametrize("column, value, says", [
    ("indicator", "", "required"),  # a figure no phrasing knew, not reviewed
    ("indicator", "made_up", "indicators.csv"),
    ("qualifier", "roughly", "one of"),
    ("period_start", "2019-13-01", "date"),
    ("source", "nowhere", "sources.csv"),
])
def test_a_row_that_fails_validation_is_refused_and_nothing_is_written(tmp_path, capsys, column, value, says):
    folder = copy_package(tmp_path)
    rows, source = _extract(tmp_path, folder, SEED_LIKE)
    frame = pd.read_csv(rows, dtype=str, keep_default_na=False)
    frame.loc[0, column] = value
    frame.to_csv(rows, index=False)
    before = _digest(folder)
    code = extract.main(["--append", str(folder), "--source-row", str(source), str(rows)])
    assert code == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and says in err and "facts.csv, row" in err
    assert _digest(folder) == before


def test_a_failure_while_writing_leaves_the_old_files(tmp_path, monkeypatch):
    folder = copy_package(tmp_path)
    rows, source = _extract(tmp_path, folder, SEED_LIKE)
    before = _digest(folder)
    real_replace = os.replace

    def fail_on_facts(src, dst):
        if Path(dst).name == "facts.csv":
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(append.os, "replace", fail_on_facts)
    facts = pd.read_csv(rows, dtype=str, keep_default_na=False)
    with pytest.raises(OSError):
        append.append(folder, facts, pd.read_csv(source, dtype=str, keep_default_na=False))
    after = _digest(folder)
    assert after["facts.csv"] == before["facts.csv"]
    assert not [f for f in folder.iterdir() if f.name.startswith(".")], "a temporary file was left behind"
    assert validate_package(folder / "datapackage.json") == []  # sources first: the package stays valid


HANGZHOU = "杭州市纪委监委\n2019年,西湖区纪检监察机关共立案312件,处分287人。"


def test_an_area_outside_the_package_is_proposed_with_its_parents_and_appended_with_the_facts(tmp_path, capsys):
    folder = copy_package(tmp_path)
    regions = tmp_path / "regions.csv"
    rows, source = _extract(tmp_path, folder, HANGZHOU, "--region-rows", str(regions))
    proposed = pd.read_csv(regions, dtype=str, keep_default_na=False)
    assert proposed.values.tolist() == [["330100", "杭州市", "Hangzhou", "city", "330000"],
                                        ["330106", "西湖区", "Xihu District", "county", "330100"]]
    assert set(pd.read_csv(rows, dtype=str)["region"]) == {"330106"}
    # Without the new regions the facts cite an area the package lacks: refused, nothing written.
    before = _digest(folder)
    assert extract.main(["--append", str(folder), "--source-row", str(source), str(rows)]) == 1
    assert "regions.csv" in capsys.readouterr().err and _digest(folder) == before
    assert extract.main(["--append", str(folder), "--source-row", str(source), "--region-rows", str(regions),
                         str(rows)]) == 0
    assert validate_package(folder / "datapackage.json") == []
    written = pd.read_csv(folder / "regions.csv", dtype=str, keep_default_na=False)
    assert written["code"].tolist()[-2:] == ["330100", "330106"] and written["code"].is_unique


def test_without_new_regions_regions_csv_is_not_rewritten(tmp_path):
    folder = copy_package(tmp_path)
    before = (folder / "regions.csv").stat().st_mtime_ns
    rows, source = _extract(tmp_path, folder, SEED_LIKE)
    assert extract.main(["--append", str(folder), "--source-row", str(source), str(rows)]) == 0
    assert (folder / "regions.csv").stat().st_mtime_ns == before


def test_the_reviews_check_of_changed_tables_still_finds_a_bad_row_and_leaves_the_rest_to_the_loader(tmp_path):
    """/add checks only the tables its rows change (read_package validated the rest when the package
    was read); `--append` checks the whole package."""
    folder = copy_package(tmp_path)
    rows, source = _extract(tmp_path, folder, SEED_LIKE)
    facts, sources = (pd.read_csv(path, dtype=str, keep_default_na=False) for path in (rows, source))
    phrasings = folder / "phrasings.csv"
    lines = phrasings.read_text(encoding="utf-8").splitlines(keepends=True)
    phrasings.write_text(lines[0] + lines[1] + lines[1] + "".join(lines[2:]), encoding="utf-8")  # a row twice
    assert {p.file for p in append.check(folder, facts, sources)} == {"phrasings.csv"}
    assert append.check(folder, facts, sources, changed_only=True) == []
    facts.loc[0, "qualifier"] = "roughly"
    assert [(p.file, p.column) for p in append.check(folder, facts, sources, changed_only=True)] == [
        ("facts.csv", "qualifier")]
