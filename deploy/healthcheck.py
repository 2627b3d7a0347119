"""Container health check: exit 0 when Streamlit answers `ok` on /_stcore/health (under its base path, if any).

The Dockerfile's HEALTHCHECK runs it; it reads the same variables Streamlit does, so a container
started with STREAMLIT_SERVER_BASE_URL_PATH=qinglian is checked at /qinglian/_stcore/health.
"""
import os
import sys
import urllib.request


def health_url() -> str:
    base = os.environ.get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip("/")
    port = os.environ.get("STREAMLIT_SERVER_PORT", "8501")
    return f"http://127.0.0.1:{port}/{base + '/' if base else ''}_stcore/health"


def main() -> int:
    try:
        with urllib.request.urlopen(health_url(), timeout=4) as response:
            return 0 if response.status == 200 and response.read() == b"ok" else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
