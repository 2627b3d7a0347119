"""A bulletin's text from the bytes of a file: plain text in any common Chinese encoding, HTML,
.docx or .pdf. Anything else, or anything too big, raises DocumentError with a sentence that says
what is wrong, in both languages, for the page to show and the command line to print.

A .docx is a zip: its entries are checked before anything is inflated, so a zip bomb is refused
by its declared sizes and again while reading. Parsing uses the standard library (HTML, zip, XML),
charset-normalizer for encodings (Streamlit already depends on it) and pypdf for PDF.

Bounded work: a PDF is read in a child process (`python -m dashboard.adding.documents`, at a lower
priority, with a CPU-time and a memory limit), counting pages before any text and characters as it
reads, and stopping at either limit. The child is killed when its `Budget` runs out (the reader is
told so) or when whoever asked stops waiting (the session ended). A crafted file then costs at most
the budget, on a core the readers' own process does not share through its GIL.
"""
from __future__ import annotations

import html.parser
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import PurePath
from xml.etree import ElementTree

MAX_BYTES = 2 * 1024 * 1024  # a bulletin is tens of kilobytes; a 2 MB .docx or .pdf is a long report
MAX_TEXT_CHARS = 200_000  # text extracted from it: about 100 pages of Chinese prose
MAX_INFLATED = 20 * 1024 * 1024  # what a .docx may unpack to
MAX_RATIO = 100  # a zip entry that inflates more than this is a bomb, not a document
MAX_PAGES = 200
BUDGET_SECONDS = float(os.environ.get("QINGLIAN_WORK_SECONDS", "15"))  # reading a file, or extracting its rows
FORMATS = {"txt": "text", "text": "text", "csv": "text", "md": "text", "html": "html", "htm": "html",
           "docx": "docx", "pdf": "pdf"}


class DocumentError(ValueError):
    """The file cannot be read as a bulletin; `zh` and `en` say why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


class Budget:
    """A wall-clock budget for one piece of work, and whether anyone still waits for it. `check()`
    raises DocumentError once the time is spent, or once `stopped()` says the asker went away."""

    def __init__(self, seconds: float = BUDGET_SECONDS, stopped: Callable[[], bool] = lambda: False):
        self.seconds, self.deadline, self.stopped = seconds, time.monotonic() + seconds, stopped

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def check(self) -> None:
        if self.stopped():
            raise WorkStopped("已停止:页面已关闭。", "Stopped: the page was closed.")
        if self.left() <= 0:
            raise DocumentError(f"处理超过 {self.seconds:g} 秒,已停止:请把文件分成较小的部分,或粘贴需要的段落。",
                                f"This took more than {self.seconds:g} seconds and was stopped: split the file, "
                                "or paste only the paragraphs you need.")


def read_document(name: str, data: bytes, budget: Budget | None = None) -> str:
    """The text of the file `name` whose bytes are `data`."""
    kind = _kind(name, data)
    if not data:
        raise DocumentError("文件是空的。", "The file is empty.")
    if len(data) > MAX_BYTES:
        raise DocumentError(f"文件太大({len(data) / 1e6:.1f} MB),上限为 {MAX_BYTES // 2**20} MB。",
                            f"The file is too large ({len(data) / 1e6:.1f} MB); the limit is {MAX_BYTES // 2**20} MB.")
    text = _pdf(data, budget or Budget()) if kind == "pdf" else {"text": _plain, "html": _html, "docx": _docx}[kind](data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise DocumentError("文件里没有可读的文字。", "The file holds no readable text.")
    if len(text) > MAX_TEXT_CHARS:
        raise _too_long(f"{len(text):,}")
    return text


class WorkStopped(DocumentError):
    """Nobody waits for the work any more (the session ended)."""


def _too_long(count: str) -> DocumentError:
    return DocumentError(f"文字太长({count} 字),上限为 {MAX_TEXT_CHARS:,} 字。",
                         f"The text is too long ({count} characters); the limit is {MAX_TEXT_CHARS:,}.")


def _kind(name: str, data: bytes) -> str:
    suffix = PurePath(name or "").suffix.lower().lstrip(".")
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in FORMATS:
        return FORMATS[suffix]
    if not suffix or suffix == "-":
        return "html" if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")) else "text"
    raise DocumentError(f"不支持 .{suffix} 文件:请用 .txt、.html、.docx 或 .pdf。",
                        f"A .{suffix} file is not supported: use .txt, .html, .docx or .pdf.")


def _plain(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:  # text in GB18030 or UTF-8 has no NUL bytes; binary files do
        raise DocumentError("这不是文本文件(含二进制内容)。", "This is not a text file (it holds binary data).")
    from charset_normalizer import (
        from_bytes,  # only for the rare file not in UTF-8 (GBK, Big5)
    )
    best = from_bytes(data).best()
    if best is None or best.encoding not in ("gb18030", "gbk", "gb2312", "big5", "hz", "utf_16", "utf_8"):
        raise DocumentError("无法识别文件的编码:请另存为 UTF-8 文本。",
                            "The file's encoding could not be recognised: save it as UTF-8 text.")
    return str(best)


class _TextOfHtml(html.parser.HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "title"}
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP and self.skipping > 0
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _html(data: bytes) -> str:
    parser = _TextOfHtml()
    parser.feed(_plain(data))
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentError("这个 .docx 文件已损坏,无法打开。", f"This .docx file is damaged and cannot be opened ({error}).")
    if len(entries) > 1000 or sum(e.file_size for e in entries) > MAX_INFLATED or any(
            e.compress_size and e.file_size / e.compress_size > MAX_RATIO for e in entries):
        raise DocumentError("这个压缩文件解压后过大(疑似“压缩炸弹”),已拒绝。",
                            "This archive would unpack to far more than a document (a zip bomb?): refused.")
    try:
        with archive.open("word/document.xml") as member:
            xml = member.read(MAX_INFLATED + 1)  # read no further than the limit, whatever the header said
    except KeyError:
        raise DocumentError("这个压缩文件不是 Word 文档(缺少 word/document.xml)。",
                            "This zip is not a Word document (no word/document.xml).")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise DocumentError("这个 .docx 文件已损坏,无法读取。", f"This .docx file is damaged ({error}).")
    if len(xml) > MAX_INFLATED:
        raise DocumentError("这个压缩文件解压后过大,已拒绝。", "This archive unpacks to too much: refused.")
    try:  # expat (≥ 2.4, bundled with Python 3.11) refuses entity-expansion bombs itself
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise DocumentError("Word 文档的内容无法解析。", f"The Word document's content cannot be parsed ({error}).")
    paragraphs = ("".join(node.text or "" for node in p.iter(f"{WORD}t")) for p in root.iter(f"{WORD}p"))
    return "\n".join(paragraphs)


PDF_ERRORS = {
    "pages": ("PDF 超过 {limit} 页,已拒绝。", "The PDF has more than {limit} pages: refused."),
    "chars": ("PDF 的文字超过 {limit} 字,已在读到上限时停止。", "The PDF holds more than {limit} characters of text: "
              "reading stopped at the limit."),
    "limit": ("这个 PDF 要求的处理量超出了限制(可能是特制的文件),已拒绝。",
              "This PDF asks for more work than is allowed (a crafted file?): refused."),
    "memory": ("这个 PDF 需要的内存超出了限制,已拒绝。", "This PDF needs more memory than is allowed: refused."),
    "damaged": ("这个 PDF 文件已损坏或加密,无法读取文字。", "This PDF is damaged or encrypted; its text cannot be read ({detail})."),
}
PDF_MEMORY = 768 * 2**20  # the child's address space


def _pdf(data: bytes, budget: Budget) -> str:
    """The PDF's text, from a child process that is killed when the budget runs out."""
    budget.check()
    command = [sys.executable, "-m", "dashboard.adding.documents", "--pdf", str(max(1, int(budget.left()) + 1))]
    # The file reaches the child as a file, not a pipe: communicate() retried after a timeout sends no more of
    # its input (CPython writes stdin only on the call that was given it), so a PDF larger than the pipe's
    # 64 kB, given to a child still importing when the first wait ended, left it waiting for the rest.
    with tempfile.TemporaryFile() as given:
        given.write(data)
        given.seek(0)
        child = subprocess.Popen(command, stdin=given, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    try:
        while True:
            try:
                out, _ = child.communicate(timeout=min(0.2, max(budget.left(), 0.01)))
                break
            except subprocess.TimeoutExpired:
                budget.check()  # raises once the time is spent or the session ended; the child is killed below
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    try:
        answer = json.loads(out or b"{}")
    except ValueError:
        answer = {}
    if "text" in answer:
        return answer["text"]
    # No answer: the child was stopped by its own CPU limit (SIGXCPU) or died (out of memory, a crash).
    kind = answer.get("error") or ("limit" if child.returncode in (-9, -24) else "damaged")
    zh, en = PDF_ERRORS.get(kind, PDF_ERRORS["damaged"])
    values = {"limit": f"{MAX_PAGES if kind == 'pages' else MAX_TEXT_CHARS:,}",
              "detail": answer.get("detail", f"exit {child.returncode}")}
    raise DocumentError(zh.format(**values), en.format(**values))


def _pdf_child(data: bytes) -> dict:
    """In the child: pages counted before any text is read, characters counted page by page."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PAGES:
            return {"error": "pages"}
        parts, count = [], 0
        for page in reader.pages:
            parts.append(page.extract_text() or "")
            count += len(parts[-1]) + 1
            if count > MAX_TEXT_CHARS:
                return {"error": "chars"}
        return {"text": "\n".join(parts)}
    except LimitReachedError:
        return {"error": "limit"}
    except MemoryError:
        return {"error": "memory"}
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError, AttributeError, IndexError,
            AssertionError, ZeroDivisionError, UnicodeError) as error:
        return {"error": "damaged", "detail": type(error).__name__}


def _child_main(seconds: int) -> None:
    import resource
    os.nice(10)  # readers' pages first
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))  # a hard stop even if the parent is gone
    resource.setrlimit(resource.RLIMIT_AS, (PDF_MEMORY, PDF_MEMORY))
    answer = _pdf_child(sys.stdin.buffer.read(MAX_BYTES + 1))
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__" and sys.argv[1:2] == ["--pdf"]:
    _child_main(int(sys.argv[2]))
