"""`python -m dashboard.extract`: candidate rows from a file or standard input, and what is wrong with a file."""
import io
import sys

from dashboard import extract

SEED_LIKE = "舟山市纪委监委\n2019年,全市纪检监察机关共立案312件,处分287人。"


def test_the_extractor_reads_standard_input_and_says_what_is_wrong_with_a_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_LIKE.encode())))
    assert extract.main(["--date", "2020-01-20", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fact_id,indicator,region") and "立案312件" in out and "confidence,part_of_total,why" in out
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04junk")
    assert extract.main([str(tmp_path / "x.docx")]) == 2
    assert "damaged" in capsys.readouterr().err
    assert extract.main([str(tmp_path / "missing.txt")]) == 2


def test_the_extractor_says_which_areas_are_not_in_the_package_and_how_to_get_their_rows(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("杭州市纪委监委\n2019年,西湖区立案312件。".encode())))
    assert extract.main(["--date", "2020-01-20", "-"]) == 0
    said = capsys.readouterr()
    assert ",330106," in said.out
    assert "2 area(s) not in the package's regions.csv (杭州市, 西湖区)" in said.err and "--region-rows" in said.err
