"""Debian's headless Chromium, as the tests, the benchmarks and the screenshots drive it (Playwright)."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"  # Playwright's own browser download cannot work in this closed network
# Flags this closed network needs: no background calls home, no sandbox as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def wait_for_app(page, timeout_ms: int = 30_000) -> None:
    """Until the script has run and Streamlit is idle (no running indicator)."""
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
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)
