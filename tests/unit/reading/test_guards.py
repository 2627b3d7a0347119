"""What one visitor may cost a replica: one kept upload per session, rerun buckets, file names as text."""
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from dashboard.reading import guards


def test_a_session_keeps_only_its_newest_upload():
    guards.keep_only_the_newest_upload()
    guards.keep_only_the_newest_upload()  # once is enough; twice changes nothing
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for n in range(100):  # 100 PUTs under fresh ids, as issue #31's visitor sent them
        manager.add_file("visitor", UploadedFileRec(f"file-{n}", "a.txt", "text/plain", b"x" * 2**20))
    manager.add_file("reader", UploadedFileRec("theirs", "b.txt", "text/plain", b"y"))
    assert list(manager.file_storage["visitor"]) == ["file-99"]
    assert manager.get_files("reader", ["theirs"])[0].data == b"y"  # another session's file is its own
    assert manager._total_bytes == 2**20 + 1 and manager._file_count == 2  # the replica's own count agrees


def test_a_bucket_gives_its_burst_then_its_rate():
    tokens, allowed = 30.0, []
    for step in range(60):  # 60 runs asked 0.1 s apart (6 s), refilled at 3 a second: 30 + about 18
        ok, tokens = guards._take(tokens, (step - 1) * 0.1 if step else 0.0, 30, 3.0, step * 0.1)
        allowed.append(ok)
    assert all(allowed[:30]) and not all(allowed) and 45 <= sum(allowed) <= 49


def test_a_file_name_is_shown_as_written():
    """A code span, fenced past every backtick run in the name: Markdown reads nothing inside it."""
    name = "**粗体** [链接](https://evil.example) :red[红] `x` ``y`` <b>$x$</b>\n# 标题.pdf"
    said = guards.literal(name)
    assert said == "```" + name.replace("\n", " ") + "```"
    assert guards.literal("`a`") == "`` `a` ``"  # a name that starts or ends with a backtick keeps it
