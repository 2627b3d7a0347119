"""Screenshots of every page, desktop and phone, zh and en: `python -m tests.e2e.screenshots`.

Writes docs/screenshots/<page>-<desktop|phone>-<zh|en>.png. Streamlit scrolls inside its main
block, so each page is shot at the layout width and then at the height of its whole content.
"""

import re
import sys

from playwright.sync_api import sync_playwright

from dashboard.kernel.i18n import t
from deploy.browser import DESKTOP, PHONE, launch, wait_for_app
from deploy.server import ROOT, running_app
from tests.conftest import SEED
from tests.e2e.helpers import extract_on_add

PAGES = {"overview": "", "enforcement": "enforcement", "national": "enforcement?period=year",  # the full-year series
         "county": "?region=330902", "supervision": "supervision",
         "approvals": "approvals", "sectors": "sectors?sector=organs", "data": "data",  # one sector opened by its link
         "figure": "figure?id=cases-filed-330900-2018-01-01-2018-11-30",
         "series-national": "enforcement?region=100000&metric=cases_filed",  # #28: the national years and periods
         "series-zhoushan": "enforcement?region=330900",  # #28: beside the province and the country, or why not
         "series-overview": "?region=330900"}  # #28: the latest national year beside the one before
DEVICES = {"desktop": DESKTOP, "phone": PHONE}
LANGS = {"zh": "lang=zh", "en": "lang=en"}
OUT = ROOT / "docs" / "screenshots"


def full_height(page) -> int:
    return page.evaluate("""() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], body')]
        .map(e => e.scrollHeight))""")


def add_page(browser, url: str) -> None:
    """/add after extracting the seed bulletin, uploaded as a file: the text itself is not ours to
    show, the candidates' quotes (≤ 30 characters) are the citations data/ already holds."""
    if not SEED.exists():
        print(f"skipped /add: the seed bulletin is not at {SEED}")
        return
    for device, lang in ((device, lang) for device in DEVICES for lang in LANGS):
        context = browser.new_context(**DEVICES[device], device_scale_factor=1)
        page = context.new_page()
        page.goto(f"{url}/add?lang={lang}")
        wait_for_app(page)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(SEED))
        wait_for_app(page)
        extract_on_add(page, lang, {"add.title": "舟山:聚焦全域 社会共建 激活新区建设清廉“微细胞”",
                                    "add.publisher": "舟山市纪委监委", "add.source_id": "zs-2018-qinglian-copy"}, "2018-12-23")
        page.get_by_role("button", name=re.compile(re.escape(t("add.accept_high", lang, n=0)[:6]))).click()  # the sure rows
        wait_for_app(page)
        page.set_viewport_size({"width": DEVICES[device]["viewport"]["width"], "height": min(full_height(page), 6000)})
        page.wait_for_timeout(600)
        target = OUT / f"add-{device}-{lang}.png"
        page.screenshot(path=str(target))
        print(target.relative_to(ROOT))
        context.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    only_add = sys.argv[1:] == ["add"]  # `python -m tests.e2e.screenshots add`: just the /add shots
    with running_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        add_page(browser, url)
        for device, options in ({} if only_add else DEVICES).items():
            width, height = options["viewport"]["width"], options["viewport"]["height"]
            context = browser.new_context(**options, device_scale_factor=1)
            page = context.new_page()
            for name, path in PAGES.items():
                for lang, query in LANGS.items():
                    page.set_viewport_size({"width": width, "height": height})
                    page.goto(f"{url}/{path}" + (("&" if "?" in path else "?") + query if query else ""))
                    wait_for_app(page)
                    page.wait_for_timeout(800)  # let Plotly finish its first layout
                    page.set_viewport_size({"width": width, "height": min(full_height(page), 6000)})
                    page.wait_for_timeout(600)
                    target = OUT / f"{name}-{device}-{lang}.png"
                    page.screenshot(path=str(target))
                    print(target.relative_to(ROOT))
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
