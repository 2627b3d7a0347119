"""One language at a time, where Streamlit's own widgets speak English only: the file box on /add."""
import pytest

from deploy.browser import wait_for_app

pytestmark = pytest.mark.e2e

ENGLISH_JS = """() => [...document.querySelectorAll('[data-testid="stFileUploaderDropzone"] *')]
    .filter(e => e.children.length === 0 && e.offsetParent !== null && /Drag and drop|Limit/.test(e.innerText))
    .map(e => e.innerText)"""


def test_the_file_box_on_a_chinese_page_shows_no_english_instructions(page, app_url):
    page.goto(f"{app_url}/add?lang=zh")
    wait_for_app(page)
    assert page.evaluate(ENGLISH_JS) == []  # no "Drag and drop file here", "Limit 2MB per file"
    assert "不超过 2 MB" in page.get_by_test_id("stFileUploader").inner_text()  # said in the page's language instead
