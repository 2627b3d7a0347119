"""The targets every benchmark reports against, and the Markdown table BENCHMARKS.md is written in."""
from __future__ import annotations

TARGETS = {"cold": 1.3, "filter": 1.2, "script_ms": 50, "session_mb": 5,
           "load_s": 3, "scale_rerun_ms": 250, "peak_mb": 1024, "points": 5000}


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"
