"""Real-browser fixtures: one app server for the whole session (the browser is in tests/conftest.py)."""
import pytest

from deploy.server import running_app


@pytest.fixture(scope="session")
def app_url():
    with running_app() as url:
        yield url
