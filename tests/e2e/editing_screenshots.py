"""Screenshots of the editor's work for docs/editing.md, desktop and phone: `python -m tests.e2e.editing_screenshots`.

Starts what tests/e2e/test_editing.py starts (the loopback OIDC provider, a reader replica, the editor app,
nginx) on a copy of the bundled package, signs in as the test editor, publishes a short SYNTHETIC bulletin
(the one the tests use), corrects one of its figures, and shoots each step. Writes
docs/screenshots/editing-<step>-<desktop|phone>.png, in English (the words are in both languages).
"""
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from dashboard.kernel.i18n import t
from deploy import oidc_provider
from deploy.browser import DESKTOP, PHONE, launch, wait_for_app
from deploy.local_stack import running_stack
from deploy.server import ROOT, free_port
from tests.e2e.helpers import extract_on_add

OUT = ROOT / "docs" / "screenshots"
BULLETIN = "舟山市纪委监委\n2019年,全市纪检监察机关共处置问题线索1024件,立案312件,处分287人。"


def shoot(page, name: str, device: str) -> None:
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], body')]
        .map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(max(height, 600), 4000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(OUT / f"editing-{name}-{device}.png"))
    print(f"wrote docs/screenshots/editing-{name}-{device}.png")


def sign_in(page, url: str) -> None:
    page.goto(f"{url}/edit/?lang=en")
    wait_for_app(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("input[name=login]")
    page.fill("input[name=login]", "editor")
    page.fill("input[name=password]", "any")
    page.click("button[type=submit]")
    page.wait_for_url("**/edit/**")
    wait_for_app(page)


def fill_review(page, bulletin: str) -> None:
    page.get_by_label(t("add.paste", "en")).fill(bulletin)
    extract_on_add(page, "en", {"add.title": "测试通报", "add.title_en": "A test bulletin", "add.publisher": "舟山市纪委监委",
                                "add.publisher_en": "Zhoushan CDI", "add.source_id": "zs-2020-screens"}, "2020-01-20")
    page.get_by_label("Editor's note (readers see it)").fill("Zhoushan's 2019 figures")


def main() -> int:
    listen = free_port()
    redirect = f"http://127.0.0.1:{listen}/edit/oauth2callback"
    with tempfile.TemporaryDirectory(prefix="qinglian-screens-") as folder, \
            oidc_provider.running_provider([redirect]) as provider:
        package = Path(folder) / "package"
        shutil.copytree(ROOT / "data", package)
        (Path(folder) / "secrets.toml").write_text(oidc_provider.secrets_toml(provider, redirect))
        store = {"QINGLIAN_DATA": str(package / "datapackage.json"), "QINGLIAN_VERSION_TTL": "2"}
        with running_stack(replicas=1, env=store, listen=listen,
                           editor_env={**store, "QINGLIAN_EDITORS": oidc_provider.USERS["editor"]},
                           editor_options=("--secrets.files", str(Path(folder) / "secrets.toml"))), \
                sync_playwright() as playwright:
            url = f"http://127.0.0.1:{listen}"
            browser = launch(playwright)
            for device, options in (("desktop", DESKTOP), ("phone", PHONE)):
                page = browser.new_context(**options, locale="en-US").new_page()
                page.goto(f"{url}/edit/?lang=en")
                wait_for_app(page)
                shoot(page, "sign-in", device)
                sign_in(page, url)
                # The phone reviews the next year's figures: the desktop's are published by then (duplicates).
                fill_review(page, BULLETIN if device == "desktop" else BULLETIN.replace("2019年", "2020年"))
                shoot(page, "review", device)
                if device == "desktop":  # publish once; the phone shoots the same pages after it
                    page.get_by_role("button", name="Publish", exact=True).click()
                    page.get_by_text("Published version").wait_for()
                    shoot(page, "published", device)
                if device == "desktop":  # the published figure the desktop run corrects, shot again on the phone
                    facts = (package / "facts.csv").read_text(encoding="utf-8").splitlines()
                    fact = next(line.split(",")[0] for line in facts if ",zs-2020-screens," in line and ",312," in line)
                page.goto(f"{url}/edit/figure?id={fact}&lang=en")
                wait_for_app(page)
                if device == "desktop":
                    page.get_by_label("New value").fill("313")
                    page.get_by_label("Reason (readers see it)").first.fill("The bulletin's second edition says 313")
                    page.get_by_role("button", name="Correct", exact=True).click()
                    page.get_by_text("Recorded as version").wait_for()
                shoot(page, "correct", device)
                page.goto(f"{url}/edit/versions?lang=en")
                wait_for_app(page)
                shoot(page, "versions", device)
                page.goto(f"{url}/qinglian/changes?lang=en")
                wait_for_app(page)
                shoot(page, "reader-changes", device)
                page.goto(f"{url}/qinglian/figure?id={fact}&lang=en")
                wait_for_app(page)
                shoot(page, "reader-history", device)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
