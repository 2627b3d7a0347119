"""The targets every benchmark reports against, the Markdown table BENCHMARKS.md is written in, and how a
benchmark that writes only its own part of a file replaces it."""
from __future__ import annotations

import re
from pathlib import Path

TARGETS = {"cold": 1.3, "filter": 1.2, "script_ms": 50, "session_mb": 5,
           "load_s": 3, "scale_rerun_ms": 250, "peak_mb": 1024, "points": 5000}


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def replace_block(path: Path, begin: str, end: str, block: str) -> None:
    """Put `block` (which starts with `begin` and ends with `end`) where the file's old one was, or at its end."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    new = pattern.sub(lambda _: block, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")
