"""Debian's headless Chromium, as the tests, the benchmarks and the screenshots drive it (Playwright)."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"  # Playwright's own browser download cannot work in this closed network
# Flags this closed network needs: no background calls home, no sandbox as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# A phone as the tests and screenshots open one: its size, touch, and a phone's User-Agent (the
# dashboard wraps chart text for a phone when the browser says it is one: widgets.on_phone).
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/156.0.0.0 Mobile Safari/537.36"}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def launch(playwright, extra_args: tuple = ()):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *extra_args])


def wait_for_app(page, timeout_ms: int = 30_000) -> None:
    """Until the script has run and Streamlit is idle (no running indicator), and every element is drawn: an
    element whose code is still loading (Plotly's chart, the first time a page meets one) stands as a skeleton
    (`stSkeleton`, Suspense's fallback), which Streamlit's own end-to-end tests wait out too."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)
    # A rerun can start a moment after the first finishes: wait until the page is quiet for 600 ms.
    page.evaluate("""() => new Promise(resolve => {
        let timer; const done = () => { observer.disconnect(); resolve(true); };
        const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 600); });
        observer.observe(document.body, {subtree: true, childList: true, characterData: true});
        timer = setTimeout(done, 600); setTimeout(done, 15000);
    })""")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"], [data-testid=\"stSkeleton\"]')",
        timeout=timeout_ms)
