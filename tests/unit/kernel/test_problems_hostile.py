"""Hostile data files: truncated, reordered, mixed encodings, megabytes of junk. Named problems, never a crash.

Extends test_problems.py (one clean fault each, located exactly) with the damage a
copy, a download or an editor can really do. Each must end in DataPackageError with at least one
problem naming the file, within a bounded time; a running app that had good data keeps it (app/test_last_good_data.py).
"""
import time

import pytest

from dashboard.kernel.problems import DataPackageError
from dashboard.storing.package import read_package
from tests.broken import DAMAGE, copy_package

SECONDS = 60  # a broken package is reported well within this, junk included


@pytest.mark.parametrize("fault", DAMAGE, ids=list(DAMAGE))
def test_damaged_package_is_refused_with_the_file_named(tmp_path, fault):
    damage, file = DAMAGE[fault]
    folder = copy_package(tmp_path)
    damage(folder)
    started = time.monotonic()
    with pytest.raises(DataPackageError) as raised:
        read_package(folder / "datapackage.json")
    assert time.monotonic() - started < SECONDS
    problems = raised.value.problems
    assert problems and any(p.file == file for p in problems), [str(p) for p in problems]
    assert all(len(str(p)) < 2_000 for p in problems), "a problem must stay readable, not echo the junk"
