"""`python -m benchmarks.extraction_quality`: the extractor scored on labelled passages, run as a command
(tests do not import benchmarks). Every passage here is SYNTHETIC, written at run time in the
labelled-set format (tests/passages/README.md): made-up sentences in a bulletin's shape, not from any
bulletin, and never written into tests/passages.
"""
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

BEGIN, END = "<!-- extraction-quality: begin -->", "<!-- extraction-quality: end -->"


def _row(figure, locator, value, indicator, region, start, end, unit="case", qualifier="exact", part=False):
    return {"figure": figure, "locator": locator, "value": value, "qualifier": qualifier, "unit": unit,
            "unit_word": "", "indicator": indicator, "region": region, "period_start": start, "period_end": end,
            "part_of_total": part}


def _passage(id, text, rows, script="simplified", province="330000", published="2020-01-20", region="330900"):
    return {"id": id, "province": province, "url": "synthetic", "title": "SYNTHETIC", "publisher": "SYNTHETIC",
            "published": published, "region": region, "script": script, "text": text, "rows": rows}


SYNTHETIC = [
    # Two figures the extractor reads right, one labelled with a wrong value on purpose (四十九 is 49,
    # the label says 48) and one it cannot see (若干人 is no figure): a difference and a miss.
    _passage("syn-a", "2019年,定海区纪检监察机关立案312件,处分四十九人,另有若干人待核。",
             [_row("312件", "立案312件", 312, "cases_filed", "330902", "2019-01-01", "2019-12-31"),
              _row("四十九人", "处分四十九人", 48, "people_disciplined", "330902", "2019-01-01", "2019-12-31", unit="person"),
              _row("若干人", "另有若干人待核", 3, None, "330902", "2019-01-01", "2019-12-31", unit="person")]),
    # The figure twice in its locator: the labelled one is the one its measure word follows (labelled
    # `approx` on purpose, so the row is never fully right whatever the extractor makes of it).
    _passage("syn-c", "2019年,定海区立案46件46人。",
             [{**_row("46", "立案46件46人", 46, None, "330902", "2019-01-01", "2019-12-31", unit="person", qualifier="approx"),
               "unit_word": "人"}]),
    # A figure no label holds (numbers that are not statistics): proposed, so not right.
    _passage("syn-b", "全縣開展專項檢查37次。", [], script="traditional", province="810000"),
]


def _run(folder, *args):
    return subprocess.run([sys.executable, "-m", "benchmarks.extraction_quality", "--passages", str(folder), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def _write(folder, split, passages):
    folder.mkdir(exist_ok=True)
    (folder / f"{split}.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages), encoding="utf-8")


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("passages")
    _write(folder, "test", SYNTHETIC)
    output, numbers = folder / "BENCHMARKS.md", folder / "quality.json"
    output.write_text(f"# Benchmarks\n\n{BEGIN}\nstale figures\n{END}\n\n<!-- phone: begin -->\nkept\n<!-- phone: end -->\n",
                      encoding="utf-8")
    done = _run(folder, "--output", str(output), "--json", str(numbers))
    assert done.returncode == 0, done.stderr
    return output.read_text(encoding="utf-8"), json.loads(numbers.read_text(encoding="utf-8"))


def test_rows_are_matched_by_where_the_figure_is_and_scored_field_by_field(scored):
    _, said = scored
    total = said["total"]
    assert total["labelled"] == 4 and total["passages"] == 3
    assert total["matched"] == 3  # 312件, 四十九人 and 46人; 若干人 is found by no row
    assert total["fully_right"] == 1  # only 312件: the other has the wrong value
    assert total["values_found"] == 2
    assert total["fields"]["value"] == [2, 3]
    assert total["not_verbatim"] == 0
    assert said["figures"]["fully_right"] == pytest.approx(1 / total["proposed"])
    assert said["figures"]["value_recall"] == pytest.approx(2 / 4)
    assert total["high_right"] <= total["high"]


def test_the_differences_say_what_differs_and_what_was_missed(scored):
    _, said = scored
    wrong = {(d["passage"], d["figure"]): d["wrong"] for d in said["differences"]}
    assert wrong[("syn-a", "四十九人")] == [["value", "49", "48"]]
    assert wrong[("syn-a", "若干人")] == [["row", "none", "labelled figure not found"]]
    assert wrong[("syn-b", "37次")] == [["row", "proposed", "no labelled figure here"]]
    assert ["qualifier", "exact", "approx"] in wrong[("syn-c", "46人")]  # matched to 46人, not to 46件


def test_groups_by_province_and_script(scored):
    _, said = scored
    groups = said["groups"]
    assert groups["script traditional"]["passages"] == 1 and groups["script traditional"]["labelled"] == 0
    assert groups["province 330000"]["labelled"] == 4 and groups["script simplified"]["fully_right"] == 1


def test_its_section_replaces_only_its_own_part_of_the_file(scored):
    text, _ = scored
    assert "stale figures" not in text and "<!-- phone: begin -->\nkept\n<!-- phone: end -->" in text
    block = text[text.index(BEGIN):text.index(END)]
    assert "test split" in block and "commit " in block
    assert "| fully right rows / rows proposed |" in block and "| 四十九人 |" in block
    assert "value: 49 → 48" in block and "| script traditional |" in block


def test_the_dev_split_is_read_when_asked(tmp_path):
    _write(tmp_path, "dev", SYNTHETIC[:1])
    done = _run(tmp_path, "--split", "dev", "--output", str(tmp_path / "B.md"))
    assert done.returncode == 0, done.stderr
    assert "dev split" in (tmp_path / "B.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("line, said", [
    ("{not json", "test.jsonl line 2: not a JSON object"),
    (json.dumps(_passage("x", "立案3件。", [])).replace('"script": "simplified", ', ""), "test.jsonl line 2: missing key(s) script"),
    (json.dumps(_passage("x", "立案3件。", [_row("3件", "立案30件", 3, "cases_filed", "330900", "2020-01-20", "2020-01-20")])),
     "test.jsonl line 2, row 1: key locator: '立案30件' is not verbatim in the text"),
    (json.dumps(_passage("x", "立案3件。", [_row("3件", "立案3件", "three", "cases_filed", "330900", "2020-01-20", "2020-01-20")])),
     "test.jsonl line 2, row 1: key value: 'three' is not a number"),
    (json.dumps(_passage("syn-a", "立案3件。", [])), "test.jsonl line 2: id 'syn-a' repeats"),
])
def test_a_bad_passage_file_is_refused_with_its_line_and_key_and_nothing_written(tmp_path, line, said):
    (tmp_path / "test.jsonl").write_text(json.dumps(SYNTHETIC[0], ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    done = _run(tmp_path, "--output", str(tmp_path / "B.md"))
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "B.md").exists()


def test_an_empty_or_absent_split_says_so(tmp_path):
    done = _run(tmp_path, "--output", str(tmp_path / "B.md"))
    assert done.returncode == 2 and "test.jsonl" in done.stderr and "Traceback" not in done.stderr
    (tmp_path / "test.jsonl").write_text("\n", encoding="utf-8")
    done = _run(tmp_path, "--output", str(tmp_path / "B.md"))
    assert done.returncode == 2 and "holds no passages" in done.stderr
