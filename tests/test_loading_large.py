"""The vectorised checks used for large packages locate every fault as precisely as Frictionless."""
import pytest

import dashboard.storage as storage
from dashboard.data import DataPackageError, read_package
from tests.test_loader_errors import FAULTS, _copy


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_large_package_checks_name_file_row_and_column(tmp_path, monkeypatch, fault):
    monkeypatch.setattr(storage, "LARGE_BYTES", 0)  # treat the bundled copy as a national-scale package
    breaker, (file, row, column), words = FAULTS[fault]
    folder = _copy(tmp_path)
    breaker(folder)
    with pytest.raises(DataPackageError) as raised:
        read_package(folder / "datapackage.json")
    located = [p for p in raised.value.problems if (p.file, p.row, p.column) == (file, row, column)]
    assert located, [str(p) for p in raised.value.problems]
    assert any(words in str(p) for p in located), [str(p) for p in located]


def test_large_and_small_readers_serve_the_same_tables(tmp_path, monkeypatch, dataset):
    folder = _copy(tmp_path)
    monkeypatch.setattr(storage, "LARGE_BYTES", 0)
    large = read_package(folder / "datapackage.json")
    for name in ("facts", "events", "indicators", "regions", "sectors", "sources"):
        assert getattr(large, name).equals(getattr(dataset, name)), name
