"""One language at a time, where Streamlit's own widgets speak English only: the file box on /add."""
import pytest

from deploy.browser import wait_for_app

pytestmark = pytest.mark.e2e

SAID_JS = """() => {
    const box = document.querySelector('[data-testid="stFileUploaderDropzone"]');
    const label = box.querySelector('button [data-testid="stMarkdownContainer"]');
    const shown = e => e && getComputedStyle(e).display !== 'none' && e.offsetParent !== null;
    return {button: getComputedStyle(label, '::after').content, english: [...box.querySelectorAll('p, span, small')]
            .filter(e => shown(e) && /Drag and drop|Limit|Upload|Browse/.test(e.innerText)).map(e => e.innerText)};
}"""


@pytest.mark.parametrize("lang, button", [("zh", "选择文件"), ("en", "Choose a file")])
def test_the_file_box_on_add_speaks_the_page_language(page, app_url, lang, button):
    page.goto(f"{app_url}/add?lang={lang}")
    wait_for_app(page)
    said = page.evaluate(SAID_JS)
    assert said["button"] == f'"{button}"'
    assert lang == "en" or said["english"] == [], said  # no "Drag and drop …", "Limit 2MB", "Upload" on a Chinese page
