"""The single container's entry point (deploy/container.py, the Dockerfile's command) serves the same
dashboard, with Streamlit's static files compressed at build time. Run as the container runs it, minus
Docker (no engine on this machine): `streamlit run deploy/container.py` with the copy deploy/assets.py made.
"""
import urllib.request

import brotli
import pytest

from dashboard.kernel.i18n import t
from deploy.assets import STREAMLIT_STATIC
from deploy.browser import wait_for_app
from deploy.local_stack import ASSETS, BASE_PATH, ensure_assets
from deploy.server import running_app

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def container(own_ports):
    ensure_assets()
    with running_app("deploy/container.py", env={"QINGLIAN_ASSETS": str(ASSETS),
                                                 "STREAMLIT_SERVER_BASE_URL_PATH": BASE_PATH},
                     port=own_ports.site) as url:
        yield url


def test_its_javascript_arrives_as_the_brotli_file_made_at_build(container):
    script = next((STREAMLIT_STATIC / "js").glob("index.*.js"))
    request = urllib.request.Request(f"{container}/static/js/{script.name}",
                                     headers={"Accept-Encoding": "br, gzip", "Origin": "http://evil.example"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Encoding"] == "br"
        assert "immutable" in response.headers["Cache-Control"]
        assert response.headers["Access-Control-Allow-Origin"] is None  # no CORS grant, as from Streamlit itself
        assert brotli.decompress(response.read()) == script.read_bytes()


def test_a_deep_link_opens_the_same_view_with_its_charts(container, new_page):
    page = new_page()
    page.goto(f"{container}/enforcement?lang=en&region=330902")
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == t("page.enforcement", "en")
    # Plotly draws after Streamlit is idle: wait for the drawing itself (a fixed look raced it under load).
    page.locator("[data-testid='stPlotlyChart'] .main-svg").first.wait_for(timeout=15_000)
