"""The data package is read and validated once per process, not once per rerun or per session."""
import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

import dashboard.data as data
from tests.conftest import PACKAGE

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
PAGES = ["views/enforcement.py", "views/supervision.py", "views/data_sources.py"]


def test_many_sessions_and_reruns_read_the_package_once(tmp_path, monkeypatch):
    shutil.copytree(PACKAGE.parent, tmp_path / "data")  # a path no earlier test has loaded
    monkeypatch.setenv("QINGLIAN_DATA", str(tmp_path / "data" / "datapackage.json"))
    reads = []
    real_read = data.read_package
    monkeypatch.setattr(data, "read_package", lambda path: reads.append(path) or real_read(path))
    runs = 0
    for session in range(8):  # each AppTest is a new session
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params["region"] = "定海区 Dinghai District" if session % 2 else "舟山市 Zhoushan"
        at.run()
        at.switch_page(PAGES[session % len(PAGES)]).run()
        at.run()
        runs += 3
        assert not at.exception, [e.value for e in at.exception]
    assert len(reads) == 1, f"the package was read {len(reads)} times across 8 sessions and {runs} runs"
