"""The editor app's pages, as the readers' registry lists theirs (the same `Page` record): read by edit.py's
navigation and the tests. Files are relative to dashboard/; the app is served under its own base path (/edit/)."""
from __future__ import annotations

from dashboard.reading.registry import Page

PAGES = (
    Page("edit_publish", "editing/views/publish.py", "", ":material/publish:", tool=True),
    Page("edit_figure", "editing/views/figure.py", "figure", ":material/edit_note:", tool=True),
    Page("edit_versions", "editing/views/versions.py", "versions", ":material/history:", tool=True),
)
BY_NAME = {page.name: page for page in PAGES}
BY_PATH = {page.url_path: page for page in PAGES}
