"""In Chromium: /add takes the seed bulletin to candidates, the reviewer accepts them (the sure ones at
once, the others one by one), an edit and a download give rows that validate, bad uploads are refused with a message and break nothing, and two readers never see each
other's work."""
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.adding import append, review
from dashboard.adding.candidates import Vocabulary, candidates
from dashboard.kernel.i18n import t
from deploy.browser import wait_for_app
from tests.conftest import PACKAGE
from tests.e2e.helpers import extract_on_add

pytestmark = pytest.mark.e2e
LANG = "zh"
# SYNTHETIC, for the tests that need some bulletin but not the seed (so they run in a public clone too). Its
# year is before the date it is extracted with (2018-12-23): a year not yet over then is never a sure row.
SAMPLE = "测试用虚构文字 (SYNTHETIC)\n舟山市2017年,全市纪检监察机关共处置问题线索100件,立案50件,处分40人。"


def _open(page, app_url: str) -> None:
    page.goto(f"{app_url}/add?lang={LANG}")
    wait_for_app(page)


def _fill_and_extract(page, text: str) -> None:
    page.get_by_label(t("add.paste", LANG)).fill(text)
    extract_on_add(page, LANG, {"add.title": "舟山:聚焦全域 社会共建 激活新区建设清廉“微细胞”", "add.title_en": "Zhoushan test",
                                "add.publisher": "舟山市纪委监委", "add.publisher_en": "Zhoushan CDI",
                                "add.source_id": "zs-2018-e2e"}, "2018-12-23")
    _accept(page)  # the sure rows: all of SAMPLE's


def _grid(page):
    return page.locator("[data-testid='stDataFrameResizable']").first


def _accept(page, unsure: int = 0) -> None:
    """Press "accept all high-confidence rows", then tick the first `unsure` rows' boxes one after the other
    (the least certain rows come first), as a reviewer who checked them would, without waiting for the
    page between ticks: each tick is a rerun, and a later one takes over. The grid is a canvas: each
    box is clicked where it is drawn, one row (35 px) below the other under the header."""
    page.get_by_role("button", name=re.compile(re.escape(t("add.accept_high", LANG, n=0)[:6]))).click()
    wait_for_app(page)
    if unsure:
        grid = _grid(page)
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        for row in range(unsure):
            page.mouse.click(box["x"] + 70, box["y"] + 35 + 35 * row + 17)
        wait_for_app(page)


def _download(page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def test_seed_text_gives_candidates_an_edit_and_a_download_that_validates(new_page, app_url, seed_text, tmp_path):
    page = new_page()
    _open(page, app_url)
    _fill_and_extract(page, seed_text)
    extracted = review.uncertain_first(candidates(seed_text, Vocabulary.from_package(PACKAGE.parent), date(2018, 12, 23)))
    unsure = int((extracted["confidence"] != "high").sum())
    page.get_by_text(t("add.valid", LANG, n=20 - unsure)).wait_for(timeout=10_000)  # the high rows, accepted at once
    _accept(page, unsure)  # and the others, each ticked
    page.get_by_text(t("add.valid", LANG, n=20)).wait_for(timeout=10_000)  # all 20 figures, and they pass
    _edit_first_note(page, "核对过 / checked", extracted.iloc[0])
    rows = pd.read_csv(io.BytesIO(_download(page, t("add.download_rows", LANG))), dtype=str, keep_default_na=False)
    source = pd.read_csv(io.BytesIO(_download(page, t("add.download_source", LANG))), dtype=str, keep_default_na=False)
    assert len(rows) == 20 and (rows["note"] == "核对过 / checked").sum() == 1
    assert set(rows["source"]) == {"zs-2018-e2e"} and source["id"].tolist() == ["zs-2018-e2e"]
    # The downloaded rows are valid rows of the package (they repeat the seed's figures under a new source).
    assert append.check(PACKAGE.parent, rows, source) == []
    package = zipfile.ZipFile(io.BytesIO(_download(page, t("add.download_zip", LANG))))
    facts = pd.read_csv(package.open("qinglian-data/facts.csv"), dtype=str)
    assert (facts["source"] == "zs-2018-e2e").sum() == 20


def _edit_first_note(page, text: str, row: pd.Series, tries: int = 8) -> None:
    """Edit one cell with the keyboard, as a reader would: the first row's note, some columns right
    of its quote. The grid is a canvas and a key pressed under load can be lost, so the cell's editor
    must open on the note's own text before anything is typed. When it opens on another cell of the row
    (its text tells which), the editor is closed and the cursor moved by the difference; else the quote
    is clicked again."""
    note = review.REVIEW_ORDER.index("note")
    moves = None  # None: click the quote first
    for _ in range(tries):
        if moves is None:
            box = _grid(page).bounding_box()
            page.mouse.click(box["x"] + 220, box["y"] + 35 + 17)  # the quote (a click on the accept box would tick it)
            moves = note - review.REVIEW_ORDER.index("locator")
        for _ in range(abs(moves)):
            page.keyboard.press("ArrowRight" if moves > 0 else "ArrowLeft", delay=30)
        page.keyboard.press("Enter")  # opens the cell's editor (Glide Data Grid's overlay)
        editor = page.locator("textarea.gdg-input")
        moves = None
        try:
            editor.wait_for(timeout=8_000)
            shown = editor.input_value()
            if shown == row["note"]:  # the note's cell, not a neighbour
                editor.fill(text)
                page.keyboard.press("Enter")
                page.get_by_text(t("add.edits", LANG, n=1)).wait_for(timeout=10_000)  # the server has the edit
                wait_for_app(page)
                return
            landed = [i for i, column in enumerate(review.REVIEW_ORDER) if column in row and str(row[column]) == shown]
            moves = note - landed[0] if len(landed) == 1 else None
        except PlaywrightTimeout:
            pass
        page.keyboard.press("Escape")
        wait_for_app(page)
    raise AssertionError(f"the note could not be edited in {tries} tries")


def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>" + " " * (100 * 2**20))
    return buffer.getvalue()


def _bad_uploads() -> list[tuple[str, bytes, str]]:
    """Made when the test runs, not when every worker collects the tests (the bomb takes 0.7 s to pack)."""
    return [
        ("binary.txt", bytes(range(256)) * 64, "二进制"),
        ("empty.txt", b"", "空的"),
        ("bomb.docx", _docx_bomb(), "压缩炸弹"),
        ("large.txt", "立案1件。".encode() * 300_000, "2.0MB"),  # refused by Streamlit's uploader before it is sent
    ]


def test_a_bad_upload_is_refused_with_a_message_and_the_work_stays(new_page, app_url):
    """One reader, one page, four bad files in turn: each is named, and the candidates stay."""
    page = new_page()
    _open(page, app_url)
    _fill_and_extract(page, SAMPLE)
    for name, data, says in _bad_uploads():
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            files=[{"name": name, "mimeType": "text/plain", "buffer": data}])
        page.get_by_text(says).first.wait_for(timeout=30_000)
        wait_for_app(page)
        assert page.get_by_text(t("add.valid", LANG, n=3)).count() == 1, name  # the candidates and their check
        assert _grid(page).is_visible(), name
        remove = page.locator("[data-testid='stFileUploaderDeleteBtn'] button")
        if remove.count():  # take the bad file away before the next one
            remove.first.click()
            wait_for_app(page)


def test_two_readers_never_see_each_others_work(new_page, app_url):
    first, second = new_page(), new_page()
    _open(first, app_url)
    _open(second, app_url)
    _fill_and_extract(first, SAMPLE)
    second.reload()
    wait_for_app(second)
    assert second.get_by_text(t("add.nothing_yet", LANG)).is_visible()
    assert second.locator("[data-testid='stDataFrameResizable']").count() == 0
    assert second.get_by_label(t("add.paste", LANG)).input_value() == ""
