"""Reading a bulletin from a file: every accepted format, and a clear refusal for anything else."""
import io
import sys
import time
import zipfile

import pytest

from dashboard.adding.documents import (
    MAX_BYTES,
    Budget,
    DocumentError,
    WorkStopped,
    read_document,
)
from deploy.crafted_pdf import inflating_pdf, pdf, slow_forms, slow_pdf, text_page

TEXT = "今年1—11月份,全市纪检监察机关共处置问题线索921件,立案257件。"


def _docx(body_xml: str, member: str = "word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, body_xml)
    return buffer.getvalue()


def _word(*paragraphs: str) -> str:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'


def _pdf(line: str) -> bytes:
    """A one-page PDF with one line of ASCII text."""
    return pdf([text_page(line)])


@pytest.mark.parametrize("name, data", [
    ("a.txt", TEXT.encode("utf-8")), ("a.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    ("a.txt", TEXT.encode("gb18030")), ("a.txt", TEXT.encode("utf-16")), ("-", TEXT.encode("utf-8")),
    ("a.html", f"<html><head><title>t</title><script>var x=1;</script></head><body><p>{TEXT}</p></body></html>".encode()),
    ("a.docx", _docx(_word("舟山市纪委监委", TEXT))),
])
def test_each_format_gives_the_text(name, data):
    text = read_document(name, data)
    assert TEXT in text
    assert "var x" not in text


def test_a_pdf_gives_its_text():
    assert "cases 257" in read_document("a.pdf", _pdf("cases 257"))


def test_a_large_pdf_is_read_whole_by_a_child_slow_to_start(tmp_path, monkeypatch):
    """A loaded server: the reading process starts after the first wait for it has ended. A PDF larger than
    a pipe's 64 kB once stalled there until its budget ran out (communicate() retried sends no more input)."""
    slow_python = tmp_path / "slow-python"
    slow_python.write_text(f'#!/bin/sh\nsleep 0.6\nexec "{sys.executable}" "$@"\n')
    slow_python.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(slow_python))
    data = pdf([text_page("ab" * 5_000)] * 12)
    assert len(data) > 2**16
    started = time.monotonic()
    assert read_document("large.pdf", data, Budget(20)).count("ab" * 5_000) == 12
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("name, data, says", [
    ("a.txt", b"", "empty"),
    ("a.txt", b"   \n ", "no readable text"),
    ("a.bin", b"\x00\x01", "not supported"),
    ("a.txt", bytes(range(256)) * 4, "not a text file"),
    ("a.txt", b"x" * (MAX_BYTES + 1), "too large"),
    ("a.docx", b"PK\x03\x04 not really a zip", "damaged"),
    ("a.docx", _docx("<w:document"), "cannot be parsed"),
    ("a.docx", _docx(_word("x"), member="word/elsewhere.xml"), "not a Word document"),
    ("a.pdf", b"%PDF-1.4 nothing else", "damaged"),
])
def test_a_bad_file_is_refused_with_a_sentence_that_says_why(name, data, says):
    with pytest.raises(DocumentError) as refused:
        read_document(name, data)
    assert says in refused.value.en and refused.value.zh


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    bomb = _docx(_word("x") + " " * (200 * 2**20))  # 200 MB of spaces deflate to about 200 kB
    assert len(bomb) < MAX_BYTES
    with pytest.raises(DocumentError) as refused:
        read_document("bomb.docx", bomb)
    assert "zip bomb" in refused.value.en


# Bounded work on a PDF (issue #31): pages counted before any text, characters as they are read, a
# wall-clock budget, and pypdf's own limits said in words. Each refusal must come long before the work
# the file asks for (the slow file below costs minutes), so these tests would hang, not pass, without it.
SLOW_FORMS = slow_forms()


def test_a_crafted_pdf_is_stopped_when_its_budget_is_spent():
    with pytest.raises(DocumentError) as refused:
        read_document("crafted.pdf", slow_pdf(), Budget(2))
    assert "took more than 2 seconds and was stopped" in refused.value.en and "超过 2 秒" in refused.value.zh


def test_a_pdf_stops_being_read_when_the_session_ends():
    ended = iter([False, False, True])
    with pytest.raises(WorkStopped):
        read_document("crafted.pdf", slow_pdf(), Budget(600, stopped=lambda: next(ended, True)))


@pytest.mark.parametrize("data, says", [
    (pdf([text_page("x")] * 201), "more than 200 pages"),
    # Characters are counted as each page is read: the slow pages after the limit are never read.
    (pdf([text_page("ab" * 25_000)] * 5 + [b"/X0 Do"] * 20, SLOW_FORMS), "more than 200,000 characters"),
    (inflating_pdf(), "more work than is allowed"),  # pypdf's own LimitReachedError
])
def test_a_pdf_past_a_limit_is_refused_in_words(data, says):
    with pytest.raises(DocumentError) as refused:
        read_document("a.pdf", data, Budget(60))
    assert says in refused.value.en and refused.value.zh
