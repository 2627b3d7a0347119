"""Screenshots of every page, desktop and phone, zh and en: `python -m tests.e2e.screenshots`.

Writes docs/screenshots/<page>-<desktop|phone>-<zh|en>.png. Streamlit scrolls inside its main
block, so each page is shot at the layout width and then at the height of its whole content.
"""

from playwright.sync_api import sync_playwright

from deploy.browser import DESKTOP, PHONE, launch, wait_for_app
from deploy.server import ROOT, running_app

PAGES = {"overview": "", "enforcement": "enforcement", "supervision": "supervision",
         "approvals": "approvals", "sectors": "sectors?sector=organs", "data": "data",  # one sector opened by its link
         "figure": "figure?id=cases-filed-330900-2018-01-01-2018-11-30"}
DEVICES = {"desktop": DESKTOP, "phone": PHONE}
LANGS = {"zh": "lang=zh", "en": "lang=en"}
OUT = ROOT / "docs" / "screenshots"


def full_height(page) -> int:
    return page.evaluate("""() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], body')]
        .map(e => e.scrollHeight))""")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with running_app() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for device, options in DEVICES.items():
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
