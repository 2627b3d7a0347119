"""Heavy inputs for the tests and benchmarks of issue #31, all SYNTHETIC: PDF files written by hand (offsets
computed): a plain one, many pages, and a crafted one whose few kilobytes cost minutes of text extraction
(form XObjects that each draw the next one ten times, the way the 7.5 KB file of issue #31 kept /add busy);
and a paste of dense figures at the /add page's length limit."""
from __future__ import annotations

import zlib


def pdf(pages: list[bytes], forms: list[bytes] = (), flate: bool = False) -> bytes:
    """A PDF of `pages` (each a content stream, Helvetica as /F1) and form XObjects /X0, /X1 … every page
    and form may draw."""
    first_page, first_form = 4, 4 + len(pages) * 2
    xobjects = b" ".join(b"/X%d %d 0 R" % (i, first_form + i) for i in range(len(forms)))
    resources = b"<< /Font << /F1 3 0 R >> /XObject << " + xobjects + b" >> >>"
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, stream in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources "
                       % (first_page + 2 * i + 1) + resources + b" >>")
        stream = zlib.compress(stream, 9) if flate else stream
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(stream), b" /Filter /FlateDecode" if flate else b"")
                       + stream + b"\nendstream")
    for stream in forms:
        objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + resources
                       + b" /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_page(line: str) -> bytes:
    return f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()


def slow_forms(depth: int = 7, fan: int = 10) -> list[bytes]:
    """Form k draws form k+1 `fan` times; the last shows one word: /X0 shows fan**(depth-1) words."""
    return [b" ".join([b"/X%d Do" % (k + 1)] * fan) for k in range(depth - 1)] + [text_page("x")]


def slow_pdf(depth: int = 7, fan: int = 10, pages: int = 60) -> bytes:
    """Pages that each draw /X0 (slow_forms): about 1.5 s of pypdf's time and 9,000 characters a page,
    for 100 bytes; 60 pages (10 kB) would keep a process busy for about 90 s without a budget (then
    stop at the character limit after about 22 pages)."""
    return pdf([b"/X0 Do"] * pages, slow_forms(depth, fan))


def inflating_pdf() -> bytes:
    """One page whose content stream (about 80 kB) inflates to 80 MB: past pypdf's own limit (75 MB)."""
    return pdf([b" " * (80 * 10**6)], flate=True)


def dense_figures(chars: int, sentence_end: str) -> str:
    """`chars` characters of SYNTHETIC figures, two or three to a clause, with `sentence_end` (maybe none)
    between sentences: the /add paste that was quadratic to extract."""
    clause = "今年以来,定海区立案{n}件,处分{n}人,留置“专案{n}号”3人,覆盖率达{n}%"
    parts, n = [], 0
    while sum(map(len, parts)) < chars:
        n += 1
        parts.append(clause.format(n=n) + (sentence_end if n % 3 == 0 else ","))
    return "".join(parts)[:chars]
