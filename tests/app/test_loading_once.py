"""The data package is read and validated once per process, not once per rerun or per session."""
import dashboard.storing.package as package
from tests.broken import copy_package

PAGES = ["enforcement", "supervision", "data"]


def test_many_sessions_and_reruns_read_the_package_once(tmp_path, monkeypatch, open_page):
    folder = copy_package(tmp_path)  # a path no earlier test has loaded
    monkeypatch.setenv("QINGLIAN_DATA", str(folder / "datapackage.json"))
    reads = []
    real_read = package.read_package
    monkeypatch.setattr(package, "read_package", lambda path: reads.append(path) or real_read(path))
    runs = 0
    for session in range(8):  # each AppTest is a new session
        region = "定海区 Dinghai District" if session % 2 else "舟山市 Zhoushan"
        at = open_page(PAGES[session % len(PAGES)], region=region)
        at.run()
        runs += 3
        assert not at.exception, [e.value for e in at.exception]
    assert len(reads) == 1, f"the package was read {len(reads)} times across 8 sessions and {runs} runs"
