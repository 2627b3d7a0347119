"""Shared paths and fixtures. The seed document sits in ../shared beside the clone (as in CI)."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "data" / "datapackage.json"
SEED = ROOT.parent / "shared" / "sources" / "000_da273d47f8cddc7f.txt"
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def dataset():
    from dashboard.data import read_package

    return read_package(PACKAGE)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        if IN_CI:
            pytest.fail(f"the seed document {SEED} is missing in CI")
        pytest.skip(f"the seed document {SEED} is not beside this checkout")
    return SEED.read_text(encoding="utf-8")
